// User-facing text of the top-level CLI.
export function mainHelp(commands: Record<string, { summary: string; hidden?: boolean }>): string {
  const rows = Object.entries(commands)
    .filter(([, c]) => !c.hidden)
    .map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`);
  return [
    'Usage: ml-hooks <command> [options]',
    '',
    'Git hooks for machine-learning repositories.',
    '',
    'Commands:',
    ...rows,
    '',
    'Run `ml-hooks <command> --help` for the options of a command.',
    'Set ML_HOOKS=0 to skip every hook for one command, e.g. `ML_HOOKS=0 git commit`.',
    '',
  ].join('\n');
}

export function unknownCommand(name: string, known: string[]): string {
  return `ml-hooks: unknown command '${name}'. Commands: ${known.join(', ')}. See \`ml-hooks --help\`.\n`;
}
