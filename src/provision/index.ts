export { provision, renderProvisionFiles, PROVISION_FILES, type ProvisionOptions, type ProvisionResult, type ProvisionedFile } from './provision';
export { planProvision, type AppPlan, type CatchAllMode, type ProvisionPlan, type QueuesPlan } from './provision-plan';
export { parseFallback, describeFallback, DEFAULT_FALLBACK, type Fallback } from './fallback';
export { dialplanExtensions, CATCH_ALL_EXTENSIONS, QUEUE_CATCH_ALL } from './dialplan-extension';
