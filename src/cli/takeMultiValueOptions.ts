// argparse's `nargs='+'`, which node's parseArgs does not have, for the options nbstripout
// declares that way (--keep-output-type, --drop-output-type): each occurrence takes every
// following argument up to the next one that looks like an option, and a later occurrence
// replaces an earlier one (argparse's default "store" action). So, as with nbstripout,
//   --keep-output-type stream:stdout execute_result nb.ipynb
// takes nb.ipynb as a third type (and reads stdin); file names go first or after `--`.
// `--keep-output-type=T` takes exactly T.

export interface MultiValueOptions {
  /** The arguments left for parseArgs. */
  rest: string[];
  /** The values of each option given, by name. */
  values: Map<string, string[]>;
}

/** argparse's test for an argument that is an option rather than a value (negative numbers are values). */
function looksLikeOption(arg: string): boolean {
  if (arg.length < 2 || !arg.startsWith('-')) return false;
  if (/^-\d+$|^-\d*\.\d+$/.test(arg)) return false;
  return !arg.includes(' ') || /^--?[^\s=]+=/.test(arg);
}

/** Takes the options named in `names` (without dashes) out of `argv`, or returns the option that has no value. */
export function takeMultiValueOptions(argv: readonly string[], names: readonly string[]): MultiValueOptions | { missingValue: string } {
  const rest: string[] = [];
  const values = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    const name = names.find((n) => arg === `--${n}` || arg.startsWith(`--${n}=`));
    if (name === undefined) {
      rest.push(arg);
      continue;
    }
    if (arg !== `--${name}`) {
      values.set(name, [arg.slice(name.length + 3)]);
      continue;
    }
    const taken: string[] = [];
    while (i + 1 < argv.length && argv[i + 1] !== '--' && !looksLikeOption(argv[i + 1]!)) taken.push(argv[++i]!);
    if (taken.length === 0) return { missingValue: `--${name}` };
    values.set(name, taken);
  }
  return { rest, values };
}
