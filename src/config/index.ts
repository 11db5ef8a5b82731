/** The public surface of src/config/: what other folders may import. */
export { appSettings } from './app-settings';
export { broadcastAppName } from './broadcast-settings';
export { configFromObject } from './config-from-object';
export { CONFIG_DEFAULTS, CONFIG_FILE_NAMES, type AppConfig, type AriConnectionKind, type AriServerConfig, type BroadcastConfig, type VoxtraConfig } from './config-types';
export { displayPath } from './display-path';
export { isScenarioFile } from './flow-files';
export { loadProject, type FlowParser, type LoadProjectOptions, type Project } from './load-project';
export { readText, type TextReader } from './read-text';
export { OVERLOAD_DEFAULTS, RUNTIME_DEFAULTS, type ChannelPolicy, type OverloadSettings, type RuntimeSettings } from './runtime-settings';
