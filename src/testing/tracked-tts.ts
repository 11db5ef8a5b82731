import type { TtsOptions, TtsService } from '../call/tts';
import type { VirtualTime } from './virtual-time';

/** What the scenario runs share about rendered speech: phrase → media URI, and back. */
export class SpeechBook {
  private readonly uris = new Map<string, string>();
  private readonly texts = new Map<string, string>();

  lookup(text: string, opts: TtsOptions): string | undefined {
    return this.uris.get(SpeechBook.key(text, opts));
  }

  remember(text: string, opts: TtsOptions, uri: string): void {
    this.uris.set(SpeechBook.key(text, opts), uri);
    this.texts.set(uri, text);
  }

  /** The text a media URI speaks, when it is rendered speech. */
  textOf(uri: string): string | undefined {
    return this.texts.get(uri);
  }

  private static key(text: string, opts: TtsOptions): string {
    return JSON.stringify([text, opts.voice ?? '', opts.language ?? '']);
  }
}

/**
 * The speech service as one scenario sees it: the real service underneath
 * (files rendered by the simulated engine), remembered per phrase so a phrase
 * spoken again costs no file access, and every real render tracked so
 * simulated time (when there is a `time` to drive) waits for it.
 */
export function trackedTts(base: TtsService, book: SpeechBook, time?: VirtualTime): TtsService {
  return {
    render(text: string, opts: TtsOptions, signal: AbortSignal): Promise<string> {
      const known = book.lookup(text, opts);
      if (known !== undefined) return Promise.resolve(known);
      const rendered = base.render(text, opts, signal).then((uri) => {
        book.remember(text, opts, uri);
        return uri;
      });
      return time ? time.track(rendered) : rendered;
    },
  };
}
