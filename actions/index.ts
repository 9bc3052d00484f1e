/** The action space: definitions, allowed values, prompt menu, validation, tool schemas and execution (spec → spec). */
export type {
  ActionDefinition,
  ActionStateDraft,
  AllowedValues,
  AppliesTo,
  ParamDomain,
  ValueDomain,
} from "./action-definition.js";
export { actionContext } from "./action-context.js";
export type {
  Action,
  ActionCategory,
  ActionColumn,
  ActionContext,
  ActionState,
  RunSettings,
} from "./action-schema.js";
export { ACTION_CATEGORIES, ActionSchema, featureColumns, RunSettingsSchema } from "./action-schema.js";
export type { ActionSpace } from "./action-space.js";
export { ACTION_SPACE, createActionSpace } from "./action-space.js";
export { actionSchema, ProposalSchema, TrainRequestSchema } from "./action-tool-schema.js";
export { allowedValues, applicableActions, whyNotApplicable } from "./allowed-values.js";
export { createActionState, executeAction, executeActions } from "./execute-action.js";
export { normalizeName } from "./normalize.js";
export { paramDomains } from "./param-domain.js";
export { type PromptOptions, renderActionSpacePrompt } from "./render-prompt.js";
export { droppedColumns, STEP_RANK } from "./step-order.js";
export { type ValidationResult, validateAction } from "./validate-action.js";
