import type { HttpAudioFormat } from './audio-answer';

/** Which engine renders `say` text. `none` turns text-to-speech off. */
export type TtsEngineName = 'espeak' | 'http' | 'none';

/** What media URI `render` returns: `sound:<dir>/<key>` (file) or `<url_base>/<key>.wav` (url). */
export type TtsMediaMode = 'file' | 'url';

/** The `tts` config section after normalisation (durations in ms, paths absolute). */
export interface TtsSettings {
  readonly engine: TtsEngineName;
  /** Absolute folder for rendered files, readable by Asterisk. */
  readonly dir: string;
  readonly voice?: string;
  readonly language?: string;
  readonly mode: TtsMediaMode;
  /** Base URL Asterisk fetches files from in `url` mode. */
  readonly urlBase?: string;
  /** Longest text rendered, in characters. */
  readonly maxChars: number;
  /** Syntheses that may run at once. */
  readonly concurrency: number;
  readonly espeak: { readonly binary: string; readonly timeoutMs: number };
  readonly http?: {
    readonly url: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly timeoutMs: number;
    readonly format: HttpAudioFormat;
    readonly body?: Readonly<Record<string, unknown>>;
  };
}

