// Notebooks with outputs for the hook tests, written as Jupyter writes them.

export function notebookWithOutputs(sources: string[], options: { executionCount?: number } = {}): string {
  const count = options.executionCount ?? 1;
  const nb = {
    cells: sources.map((source, i) => ({
      cell_type: 'code',
      execution_count: count + i,
      id: `cell-${i}`,
      metadata: { scrolled: true },
      outputs: [{ name: 'stdout', output_type: 'stream', text: [`output of cell ${i}\n`] }],
      source: splitSource(source),
    })),
    metadata: {
      kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
      language_info: { name: 'python', version: '3.11.4' },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return JSON.stringify(nb, null, 1) + '\n';
}

function splitSource(text: string): string[] {
  return text.split(/(?<=\n)/).filter((line) => line !== '');
}
