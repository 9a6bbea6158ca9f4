// How fast training plays, on both pages: generator steps per second; 0 is full speed. Slow
// speeds record every step.
export const SPEEDS = [
  { label: '1 step/s', stepsPerSecond: 1 },
  { label: '2 steps/s', stepsPerSecond: 2 },
  { label: '5 steps/s', stepsPerSecond: 5 },
  { label: '10 steps/s', stepsPerSecond: 10 },
  { label: 'full speed', stepsPerSecond: 0 },
] as const;

export const FULL_SPEED = SPEEDS.length - 1;
