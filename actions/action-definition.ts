/** The shape of one action of the space: its name, category, value domain, where it applies, and what it does. */
import type { ColumnKind } from "../data/frame.js";
import type { PipelineSpecInput } from "../data/preprocess/index.js";
import type { Task } from "../data/task.js";
import type { EstimatorFamily } from "../trainers/estimator.js";
import type {
  Action,
  ActionCategory,
  ActionColumn,
  ActionContext,
  ActionState,
  RunSettings,
} from "./action-schema.js";

/**
 * The values an action takes, declared once; `allowedValues` narrows it to a context.
 * - enum: a fixed list, or one computed from the context (without one: the widest list).
 * - range: a number in [min, max] (integer or not, searched on a linear or log scale), plus
 *   optional literal words (e.g. `none`).
 * - boolean: on/off.
 * - column: the name of a raw feature column (never the target), optionally filtered.
 * - param: a parameter of the current estimator and a value inside its declared bounds.
 */
export type ValueDomain =
  | {
      readonly kind: "enum";
      readonly options: readonly string[] | ((ctx: ActionContext | undefined) => readonly string[]);
      /** A few words per option for the prompt. */
      readonly labels?: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: "range";
      readonly min: number;
      readonly max: number;
      readonly scale: "linear" | "log";
      readonly integer: boolean;
      readonly also?: readonly string[];
    }
  | { readonly kind: "boolean" }
  | {
      readonly kind: "column";
      readonly filter?: (column: ActionColumn, ctx: ActionContext) => boolean;
    }
  | { readonly kind: "param" };

/** Where an action applies; an absent list means no restriction. */
export interface AppliesTo {
  readonly tasks?: readonly Task[];
  /** Families of the current estimator. */
  readonly families?: readonly EstimatorFamily[];
  /** The data must hold at least one feature column of one of these kinds. */
  readonly columnKinds?: readonly ColumnKind[];
}

/** What `apply` returns: the next state before validation (executeAction parses and freezes it). */
export interface ActionStateDraft {
  readonly spec: PipelineSpecInput;
  readonly settings: RunSettings;
}

/** One entry of an action space. */
export interface ActionDefinition {
  /** snake_case, unique in its space. */
  readonly name: string;
  /** One sentence for prompts and tool schemas: what the move does and when it helps. */
  readonly description: string;
  readonly category: ActionCategory;
  readonly values: ValueDomain;
  readonly appliesTo?: AppliesTo;
  /**
   * The move itself, given an action already validated against this context (canonical name and
   * value). Must not mutate `state`; executeAction re-validates and freezes what it returns.
   */
  readonly apply: (state: ActionState, action: Action, ctx: ActionContext) => ActionStateDraft;
}

/** One parameter of an estimator as set_hyperparameter offers it (valid bounds, not only the searched ones). */
export type ParamDomain =
  | {
      readonly name: string;
      readonly kind: "float" | "int";
      readonly min: number;
      readonly max: number;
      readonly log: boolean;
      readonly default: number;
      readonly description: string;
    }
  | {
      readonly name: string;
      readonly kind: "enum";
      readonly values: readonly string[];
      readonly default: string;
      readonly description: string;
    }
  | {
      readonly name: string;
      readonly kind: "boolean";
      readonly default: boolean;
      readonly description: string;
    };

/** The concrete values of an action in one context. */
export type AllowedValues =
  | { readonly kind: "enum"; readonly values: readonly string[] }
  | {
      readonly kind: "range";
      readonly min: number;
      readonly max: number;
      readonly scale: "linear" | "log";
      readonly integer: boolean;
      readonly also: readonly string[];
    }
  | { readonly kind: "boolean"; readonly values: readonly [false, true] }
  | { readonly kind: "column"; readonly values: readonly string[] }
  | { readonly kind: "param"; readonly estimator: string | null; readonly params: readonly ParamDomain[] };
