/** Rolling-origin cross-validation layout for a forecast search. */

/** Where each validation fold starts and how far it forecasts. */
export interface RollingOriginPlan {
  /** Steps forecast from each origin (the requested horizon, capped to fit the series). */
  horizon: number;
  /** Training lengths (fold k fits on y[0, origin) and forecasts y[origin, origin + horizon)), latest first. */
  origins: number[];
  /** Shortest training length a fold may have. */
  minTrain: number;
}

/** Most folds per candidate: more origins steady the ranking, each costs a fit. */
const MAX_ORIGINS = 4;

/**
 * Lays out up to four origins ending at the series' end. Each fold forecasts the requested horizon,
 * capped at half of what the shortest allowed training part leaves, so that at least two windows
 * fit — models are then ranked on the horizon they will be used for, not on one-step errors. Origins
 * step back by half a horizon (windows overlap by half, so the latest data weighs most without one
 * window deciding alone). A fold trains on at least three seasons (16 points when not seasonal, so
 * seasonal models can initialise), relaxed towards two seasons + 2 on short series.
 */
export function planRollingOrigin(n: number, horizon: number, seasonLength: number): RollingOriginPlan {
  const m = seasonLength;
  let minTrain = m > 1 ? Math.max(3 * m, 16) : 16;
  if (n - minTrain < 2)
    minTrain = m > 1 ? Math.max(2 * m + 2, Math.min(minTrain, n - 2)) : Math.max(4, n - 2);
  minTrain = Math.min(minTrain, n - 1);
  const h = Math.max(1, Math.min(horizon, Math.floor((n - minTrain) / 2)));
  const step = Math.max(1, Math.ceil(h / 2));
  const origins: number[] = [];
  for (let o = n - h; o >= minTrain && origins.length < MAX_ORIGINS; o -= step) origins.push(o);
  if (origins.length === 0) origins.push(Math.max(1, n - h));
  return { horizon: h, origins, minTrain };
}
