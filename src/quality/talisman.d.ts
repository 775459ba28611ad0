declare module 'talisman/metrics/jaro-winkler' {
  /** Jaro-Winkler similarity in [0, 1]; 1 means equal. */
  const jaroWinkler: (a: string | string[], b: string | string[]) => number;
  export default jaroWinkler;
}
