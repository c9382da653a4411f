import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';

/** A CSV field for neo4j-admin import: always quoted, quotes doubled. */
export function field(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  return `"${value.replace(/"/g, '""')}"`;
}

/** An array field; neo4j-admin splits it on ';' (the generator never puts ';' inside items). */
export function arrayField(values: readonly string[]): string {
  return field(values.join(';'));
}

/** A CSV file written line by line, honouring the stream's back-pressure. */
export class CsvFile {
  private readonly stream: WriteStream;
  lines = 0;

  constructor(
    readonly path: string,
    header: readonly string[],
  ) {
    this.stream = createWriteStream(path);
    this.stream.write(header.join(',') + '\n');
  }

  async row(fields: readonly string[]): Promise<void> {
    this.lines += 1;
    if (!this.stream.write(fields.join(',') + '\n')) await once(this.stream, 'drain');
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) =>
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
}
