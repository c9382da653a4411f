// franc-min 5 ships no types; only the call the drafter makes is declared.
declare module 'franc-min' {
  interface FrancOptions {
    /** ISO 639-3 codes to choose among. */
    only?: string[];
    minLength?: number;
  }
  /** The most probable language of `text` as an ISO 639-3 code, or 'und'. */
  function franc(text: string, options?: FrancOptions): string;
  export = franc;
}
