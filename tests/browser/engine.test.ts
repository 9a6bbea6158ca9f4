// Training in the page in real Chromium: runs split over workers train the same trajectories as one
// batch, a diverging run stops alone with its cause, a lost WebGL context falls back to wasm from
// the last good step, and webgl and wasm give the raw trajectories of cpu on a fixed seed.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage, pageErrors, screenshot, stepCount } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

async function longestTrajectory(page: Page): Promise<number> {
  return page.$$eval('[data-testid="contour-panel"] [data-testid="trajectory"]', (paths) =>
    Math.max(0, ...paths.map((p) => Number(p.getAttribute('data-points') ?? 0))));
}

describe('training in the page', () => {

  it('trains the same trajectories on one worker as split over several', async () => {
    const paths: string[][] = [];
    for (const workers of ['', '&workers=1']) {
      const page = await openPage(browser, `?preset=figure5&steps=30&backend=wasm${workers}`);
      await page.waitForSelector('[data-testid="play"]:not([disabled])', { timeout: 60_000 });
      await page.click('[data-testid="play"]');
      await page.waitForSelector('.training-bar .done', { timeout: 60_000 });
      // which steps are recorded depends on the speed reached; step 30, where training ends, always is
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-json"]')]);
      const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as { runs: { steps: number[]; mu: number[]; sigma: number[] }[] };
      paths.push(exported.runs.map((r) => `${r.steps.at(-1)}: ${r.mu.at(-1)}, ${r.sigma.at(-1)}`));
      await page.close();
    }
    expect(paths[0]).toHaveLength(16);
    expect(paths[0].every((p) => p.startsWith('30: '))).toBe(true);
    expect(paths[0]).toEqual(paths[1]);
  });


  it('a run that diverges stops with its step and cause; its trajectory stays, the other run trains on', async () => {
    // generator learning rate 10: sigma crosses 0 near step 100; two learned runs, so two workers
    const page = await openPage(browser, '?s=ns:js;glr=10&s=ns:js&critic=learned');
    await page.waitForSelector('[data-testid="play"]:not([disabled])', { timeout: 60_000 });
    await page.click('[data-testid="play"]');
    const stop = page.locator('[data-testid="run-stopped"]');
    await stop.waitFor({ timeout: 30_000 });
    expect(await stop.textContent()).toMatch(/^non-saturating JS \(glr 10\) · learned · seed 1: (sigma reached .* \(<= 0; direct parametrisation\)|(NaN|Infinity) in (the critic loss|the generator loss|mu|sigma)) at generator step \d+$/);
    const stoppedAt = Number((await stop.textContent())!.match(/step (\d+)$/)![1]);
    await page.waitForFunction((s) => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) > s + 50, stoppedAt, { timeout: 60_000 });
    // the views follow the run still training (their snapshots are dated by it; on screen only)
    await page.locator('[data-testid="pushforward-chart"]').scrollIntoViewIfNeeded();
    await page.waitForFunction((s) => Number(document.querySelector('[data-testid="pushforward-chart"] .chart-note')?.textContent?.match(/at step (\d+)/)?.[1]) > s + 50, stoppedAt, { timeout: 30_000 });
    await page.click('[data-testid="pause"]', { timeout: 2_000 }).catch(() => undefined);
    const points = await page.$$eval('[data-divergence="js"] [data-testid="trajectory"]', (ps) => ps.map((p) => Number(p.getAttribute('data-points'))));
    expect(points).toHaveLength(2);
    // the stopped run keeps the points it made (its last values repeat), the other keeps growing
    expect(Math.min(...points)).toBeGreaterThan(1);
    expect(await page.locator('.run-button.stopped').count()).toBe(1);
    expect(await stop.count()).toBe(1);
    await screenshot(page, 'run-stopped');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('survives a lost WebGL context: training goes on on wasm from the last good step, with a notice', async () => {
    const page = await openPage(browser, '?backend=webgl&critic=both');
    await page.waitForSelector('[data-testid="play"]:not([disabled])', { timeout: 60_000 });
    expect(await page.textContent('[data-testid="backend-in-use"]')).toContain('webgl');
    await page.click('[data-testid="play"]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) >= 30, undefined, { timeout: 60_000 });
    const before = await longestTrajectory(page);
    await page.evaluate(() => (window as unknown as { __fganTest: { loseWebglContext(): void } }).__fganTest.loseWebglContext());
    await page.waitForFunction(() => document.querySelector('[data-testid="backend-in-use"]')?.textContent?.includes('wasm'), undefined, { timeout: 30_000 });
    expect(await page.textContent('body')).toMatch(/WebGL backend failed \(the WebGL context was lost\); training continues on wasm from generator step \d+/);
    const after = await stepCount(page);
    await page.waitForFunction((s) => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) > s + 30, after, { timeout: 60_000 });
    // the trajectories were kept and go on growing; no run stopped on garbage values
    expect(await longestTrajectory(page)).toBeGreaterThan(before);
    expect(await page.locator('[data-testid="run-stopped"]').count()).toBe(0);
    await page.click('[data-testid="pause"]', { timeout: 2_000 }).catch(() => undefined);
    await screenshot(page, 'webgl-context-lost');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  // f-GAN runs with learned and optimal critics, and the objectives whose critic step needs the
  // gradient of the input gradient (WGAN-GP, GAN-GP, DRAGAN-NS) or reweights (KL-WGAN): the
  // penalty's hand-written double backprop is checked against finite differences on cpu in the
  // unit tests, so agreement with cpu checks it on webgl and wasm
  const AGREEMENT_CONFIGS = [
    ['f-GAN, learned and optimal', '?seed=7&critic=both'],
    ['penalties and KL-WGAN', '?s=wgan-gp&s=ns:js;pen=gp;lam=0.1&s=ns:js;pen=dragan;lam=0.1&s=kl-wgan&critic=learned&seed=7'],
    ['the KL-WGAN preset: hinge, gradient through r, spectral norm', '?preset=kl-wgan&seed=7'],
  ] as const;
  for (const [what, query] of AGREEMENT_CONFIGS) {
    it(`webgl and wasm give the raw trajectories of cpu on a fixed seed (${what})`, async () => {
      const page = await openPage(browser);
      type Result = { backend: { name: string; softwareRenderer: boolean; fallbackReason: string | null }; runs: string[]; steps: number[]; mu: number[][]; sigma: number[][] };
      const trajectory = (backend: string) => page.evaluate(async ({ b, q }) => {
        const hook = (window as unknown as { __fganTest?: { trajectory(req: unknown): Promise<unknown> } }).__fganTest;
        if (!hook) return { error: 'window.__fganTest is missing' };
        try {
          return { result: await hook.trajectory({ backend: b, config: q, steps: 50 }) };
        } catch (e) {
          return { error: (e as Error).message };
        }
      }, { b: backend, q: query }) as Promise<{ result?: Result; error?: string }>;
      const cpu = await trajectory('cpu');
      expect(cpu.error, `cpu run failed: ${cpu.error}`).toBeUndefined();
      const a = cpu.result!;
      expect(a.backend.name).toBe('cpu');
      expect(a.steps).toEqual(Array.from({ length: 51 }, (_, i) => i));
      const lines: string[] = [];
      for (const other of ['webgl', 'wasm']) {
        const res = await trajectory(other);
        // no silent pass: a browser without WebGL fails this test and says so
        expect(res.error, `${other} is not available in the test browser: ${res.error}`).toBeUndefined();
        const b = res.result!;
        expect(b.backend.name).toBe(other);
        expect(b.runs).toEqual(a.runs);
        let worst = 0;
        a.runs.forEach((label, r) => {
          let dMu = 0;
          let dSigma = 0;
          for (let k = 0; k < a.steps.length; k++) {
            dMu = Math.max(dMu, Math.abs(a.mu[r][k] - b.mu[r][k]));
            dSigma = Math.max(dSigma, Math.abs(a.sigma[r][k] - b.sigma[r][k]));
          }
          worst = Math.max(worst, dMu, dSigma);
          // the runs moved: the comparison is not of two copies of the start
          expect(Math.abs(a.mu[r][50] - a.mu[r][0]) + Math.abs(a.sigma[r][50] - a.sigma[r][0]), `${label} did not move`).toBeGreaterThan(1e-3);
          lines.push(`${other}${b.backend.softwareRenderer ? ' (software)' : ''} ${label}: max |Δmu| ${dMu.toExponential(2)}, max |Δsigma| ${dSigma.toExponential(2)}; at step 50 cpu (${a.mu[r][50]}, ${a.sigma[r][50]}) ${other} (${b.mu[r][50]}, ${b.sigma[r][50]})`);
        });
        expect(worst, `${other} drifted from cpu`).toBeLessThan(1e-3);
      }
      await page.close();
      console.log(`${what}: webgl and wasm against cpu over 50 generator steps:\n  ${lines.join('\n  ')}`);
    });
  }
});
