// Local declaration for the one function of ari-client 2.2.0 the transport calls
// (the package ships no types). See ari-client-types.ts for the shapes behind it.
declare module 'ari-client' {
  export function connect(url: string, user: string, pass: string): PromiseLike<Record<string, unknown>>;
}
