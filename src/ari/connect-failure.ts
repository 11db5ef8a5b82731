import { VoxtraError, isVoxtraError } from '../core/errors';
import { redactError, redactText } from '../core/redact';

/** The error a failed connect (or app change) rejects with: a VoxtraError whose text carries no credentials. */
export function connectFailure(server: string, secrets: readonly string[], err: unknown): VoxtraError {
  if (isVoxtraError(err)) {
    const message = redactText(err.message, secrets);
    return message === err.message ? err : new VoxtraError(err.code, message, err.details);
  }
  const clean = redactError(err, secrets);
  return new VoxtraError('ARI_TRANSPORT', `connect to ${server} failed: ${clean.message}`, { code: (clean as { code?: string }).code });
}
