/** Voice and language hints for a text-to-speech engine. */
export interface TtsOptions {
  voice?: string;
  language?: string;
}

/**
 * A text-to-speech engine. It turns text into something Asterisk can play
 * (`sound:/var/lib/voxtra/tts/ab12` or an http(s) URL) and must stop at once
 * when `signal` aborts (the caller hung up).
 */
export interface TtsService {
  render(text: string, opts: TtsOptions, signal: AbortSignal): Promise<string>;
}

/** True when a value looks like a {@link TtsService} (for JavaScript callers, whose services nothing type-checks). */
export function isTtsService(value: unknown): value is TtsService {
  return typeof value === 'object' && value !== null && typeof (value as { render?: unknown }).render === 'function';
}
