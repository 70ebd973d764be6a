// Types of the corpus generator, for the tests that check every notebook of it.
export function realShapedCorpus(options?: { count?: number; seed?: number }): Generator<string>;
export function makeRealShapedNotebook(random: () => number, options?: { outputScale?: number }): string;
export function rng(seed: number): () => number;
export function writeBigNotebook(path: string, imageBytes: number, options?: { notebookMetadata?: string }): void;
