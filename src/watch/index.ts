/** The public surface of src/watch/: what other folders may import. */
export { watchProject, type ProjectWatcher } from './watcher';
