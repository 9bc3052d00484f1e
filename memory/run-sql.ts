/** The run store's SQL, prepared once per connection by createRunStore. */

/** Optional patch fields: `CASE WHEN @setX` so one cached statement serves every patch shape. */
const setIf = (column: string, flag: string, param: string) =>
  `${column} = CASE WHEN @${flag} THEN @${param} ELSE ${column} END`;

export const RUN_SQL = {
  insertRun: `INSERT INTO runs (id, created_at, updated_at, status, dataset_fingerprint, train_path, test_path,
      target, task, metric, goal, config_json, profile_json, pid)
    VALUES (@id, @createdAt, @createdAt, @status, @datasetFingerprint, @trainPath, @testPath, @target, @task,
      @metric, @goal, @config, @profile, @pid)`,
  getRun: "SELECT * FROM runs WHERE id = ?",
  // json_each lets one statement filter on any set of statuses.
  listRuns: `SELECT * FROM runs
    WHERE (@statuses IS NULL OR status IN (SELECT value FROM json_each(@statuses)))
      AND (@fingerprint IS NULL OR dataset_fingerprint = @fingerprint)
    ORDER BY created_at DESC, rowid DESC LIMIT @limit`,
  updateRun: `UPDATE runs SET updated_at = @updatedAt,
      ${setIf("status", "setStatus", "status")},
      ${setIf("stopped_because", "setStopped", "stoppedBecause")},
      ${setIf("best_trial", "setBest", "bestTrial")},
      ${setIf("cv_score", "setCv", "cvScore")},
      ${setIf("test_score", "setTest", "testScore")},
      ${setIf("result_json", "setResult", "result")},
      ${setIf("profile_json", "setProfile", "profile")},
      ${setIf("pid", "setPid", "pid")}
    WHERE id = @id`,
  runningRuns: "SELECT id, pid FROM runs WHERE status = 'running' ORDER BY created_at",
  interrupt: `UPDATE runs SET status = 'interrupted', stopped_because = @why, updated_at = @updatedAt
    WHERE id = @id AND status = 'running'`,
  deleteRun: "DELETE FROM runs WHERE id = ?",

  nextSeq: "SELECT COALESCE(MAX(seq), 0) + 1 FROM trials WHERE run_id = ?",
  insertTrial: `INSERT INTO trials (run_id, seq, phase, spec_json, status, score, fold_scores_json, std,
      fit_seconds, seconds, resource, error_json, oof_path, settings_json, origin, max_fold_fit_seconds, recovery_json,
      created_at)
    VALUES (@runId, @seq, @phase, @spec, @status, @score, @foldScores, @std, @fitSeconds, @seconds, @resource,
      @error, @oofPath, @settings, @origin, @maxFoldFitSeconds, @recovery, @createdAt)`,
  getTrial: "SELECT * FROM trials WHERE run_id = ? AND seq = ?",
  listTrials: "SELECT * FROM trials WHERE run_id = ? ORDER BY seq",

  insertDecision: `INSERT INTO decisions (run_id, seq, agent, tier, model, output_json, failures_json, accepted,
      input_tokens, output_tokens, cost_usd, latency_ms, created_at)
    VALUES (@runId, @seq, @agent, @tier, @model, @output, @failures, @accepted, @inputTokens, @outputTokens,
      @costUsd, @latencyMs, @createdAt)`,
  listDecisions: "SELECT * FROM decisions WHERE run_id = ? ORDER BY id",

  insertError: `INSERT INTO errors (run_id, seq, code, message, details_json, created_at)
    VALUES (@runId, @seq, @code, @message, @details, @createdAt)`,
  listErrors: "SELECT * FROM errors WHERE run_id = ? ORDER BY id",

  insertArtifact: `INSERT INTO artifacts (run_id, kind, path, bytes, sha256, created_at)
    VALUES (@runId, @kind, @path, @bytes, @sha256, @createdAt)`,
  listArtifacts: "SELECT * FROM artifacts WHERE run_id = ? ORDER BY id",

  upsertDataset: `INSERT INTO datasets (fingerprint, path, rows, columns, created_at)
    VALUES (@fingerprint, @path, @rows, @columns, @createdAt)
    ON CONFLICT (fingerprint) DO UPDATE SET path = excluded.path, rows = excluded.rows, columns = excluded.columns`,
  getDataset: "SELECT * FROM datasets WHERE fingerprint = ?",
} as const;
