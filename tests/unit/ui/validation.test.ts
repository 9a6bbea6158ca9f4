import { describe, expect, it } from 'vitest';
import { checkNumber } from '../../../src/ui/validation';
import { configSchema, optimizerSchema } from '../../../src/config/schema';

describe('number input checks', () => {
  it('refuses text, a negative sigma, a learning rate of 0 and a fractional batch', () => {
    expect(checkNumber('abc', configSchema.shape.sigma0).error).toMatch(/not a number/);
    expect(checkNumber('', configSchema.shape.sigma0).error).toMatch(/enter a number/);
    expect(checkNumber('-3', configSchema.shape.sigma0).error).toMatch(/sigma must be > 0/);
    expect(checkNumber('0', optimizerSchema.shape.learningRate).error).toMatch(/learning rate must be > 0/);
    expect(checkNumber('2.5', configSchema.shape.batchSize, true).error).toMatch(/whole number/);
    expect(checkNumber('1e400', configSchema.shape.mu0).error).not.toBeNull();
  });
  it('accepts valid numbers in any common notation', () => {
    expect(checkNumber(' 1.8 ', configSchema.shape.sigma0)).toEqual({ value: 1.8, error: null });
    expect(checkNumber('2e-3', optimizerSchema.shape.learningRate)).toEqual({ value: 0.002, error: null });
    expect(checkNumber('.5', configSchema.shape.mu0)).toEqual({ value: 0.5, error: null });
    expect(checkNumber('256', configSchema.shape.batchSize, true)).toEqual({ value: 256, error: null });
  });
  it('refuses a long text that is not a number at once, echoing it shortened', () => {
    // a pattern with two ways to split a run of digits takes minutes on this; one way takes microseconds
    const text = `${'1'.repeat(200_000)}x`;
    const { error } = checkNumber(text, configSchema.shape.mu0);
    expect(error).toMatch(/is not a number/);
    expect(error!.length).toBeLessThan(200);
    expect(checkNumber('1.', configSchema.shape.mu0)).toEqual({ value: 1, error: null });
  });
});
