/** Rebuilding a linear model from its JSON: every field validated, INVALID_MODEL_STATE naming what is wrong. */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import type { FittedModel, ModelJSON } from "../estimator.js";
import { decodeFloats, FloatArraySchema } from "./float-codec.js";
import type { Link } from "./linear-model.js";
import { LINKS, linearModel, outputsFor } from "./linear-model.js";

const StateSchema = z.object({
  link: z.enum(LINKS),
  coef: FloatArraySchema,
  intercept: FloatArraySchema,
  classes: z.array(z.number().int().min(0)).optional(),
});

const JsonSchema = z.object({
  estimator: z.string(),
  version: z.number(),
  params: z.record(z.string(), z.unknown()),
  nFeatures: z.number().int().min(0),
  nClasses: z.number().int().min(2).optional(),
  state: StateSchema,
});

function invalid(estimator: string, what: string): AlchemistError {
  return new AlchemistError("INVALID_MODEL_STATE", `${estimator}: cannot rebuild the model: ${what}.`, {
    estimator,
  });
}

/** What `fromJSON` checks a serialised linear model against. */
export interface LinearExpectation {
  readonly estimator: string;
  readonly version: number;
  readonly classifier: boolean;
  readonly links: readonly Link[];
  readonly params: z.ZodObject;
}

/** Validates a serialised linear model and rebuilds it; INVALID_MODEL_STATE names what is wrong. */
export function linearModelFromJSON(json: ModelJSON, expect: LinearExpectation): FittedModel {
  const name = expect.estimator;
  const parsed = JsonSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(name, `${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`);
  }
  const j = parsed.data;
  if (j.estimator !== name) throw invalid(name, `it was saved by '${j.estimator}'`);
  if (j.version !== expect.version)
    throw invalid(name, `state version ${j.version}, expected ${expect.version}`);
  const params = expect.params.safeParse(j.params);
  if (!params.success) throw invalid(name, `params: ${params.error.issues[0]?.message ?? "invalid"}`);
  const s = j.state;
  if (!expect.links.includes(s.link))
    throw invalid(name, `link '${s.link}' is not one of ${expect.links.join(", ")}`);
  const classes = s.classes ? Int32Array.from(s.classes) : undefined;
  if (expect.classifier) {
    if (j.nClasses === undefined) throw invalid(name, "nClasses is missing");
    if (!classes || classes.length === 0) throw invalid(name, "state.classes is missing");
    for (let k = 0; k < classes.length; k++) {
      if (
        (classes[k] as number) >= j.nClasses ||
        (k > 0 && (classes[k] as number) <= (classes[k - 1] as number))
      ) {
        throw invalid(name, "state.classes must be increasing class indices below nClasses");
      }
    }
  } else if (j.nClasses !== undefined || classes) {
    throw invalid(name, "a regressor has no classes");
  }
  const nOut = outputsFor(s.link, classes);
  if (s.intercept.length !== nOut)
    throw invalid(name, `state.intercept has ${s.intercept.length} values, expected ${nOut}`);
  if (s.coef.length !== nOut * j.nFeatures) {
    throw invalid(name, `state.coef has ${s.coef.length} values, expected ${nOut * j.nFeatures}`);
  }
  return linearModel(
    {
      estimator: name,
      version: j.version,
      params: params.data as Record<string, unknown>,
      nFeatures: j.nFeatures,
      ...(j.nClasses !== undefined ? { nClasses: j.nClasses } : {}),
    },
    {
      coef: decodeFloats(s.coef),
      intercept: decodeFloats(s.intercept),
      link: s.link,
      ...(classes ? { classes } : {}),
    },
  );
}
