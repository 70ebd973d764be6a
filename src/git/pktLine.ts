// pkt-line framing (gitprotocol-common(5)): four hex digits giving the packet's length including
// themselves, then the payload; "0000" is a flush packet. Used by the long-running filter.
//   0016git-filter-client\n   0000
import { decodeGitPath } from '../fs/bytePaths.js';

export const MAX_PKT_PAYLOAD = 65516;
export const FLUSH = Buffer.from('0000');

/** Encodes text lines (each gets a trailing LF) followed by a flush packet. */
export function encodeTextPackets(lines: readonly string[]): Buffer {
  return Buffer.concat([...lines.map((line) => encodePacket(Buffer.from(`${line}\n`))), FLUSH]);
}

export function encodePacket(payload: Buffer): Buffer {
  if (payload.length === 0 || payload.length > MAX_PKT_PAYLOAD) throw new Error(`pkt-line payload must be 1..${MAX_PKT_PAYLOAD} bytes`);
  return Buffer.concat([Buffer.from((payload.length + 4).toString(16).padStart(4, '0')), payload]);
}

/** Content split into packets, then a flush packet. */
export function encodeContent(content: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let offset = 0; offset < content.length; offset += MAX_PKT_PAYLOAD) parts.push(encodePacket(content.subarray(offset, offset + MAX_PKT_PAYLOAD)));
  parts.push(FLUSH);
  return Buffer.concat(parts);
}

/** A packet is its payload; `null` is a flush packet. */
export type Packet = Buffer | null;

/** Reads packets from a byte stream as they arrive. */
export class PktLineReader {
  // Chunks are joined only when a packet is complete, so a slow reader never copies a big
  // backlog over and over.
  private chunks: Buffer[] = [];
  private length = 0;
  private readonly waiting: (() => void)[] = [];
  private ended = false;

  constructor(stream: NodeJS.ReadableStream) {
    stream.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.length += chunk.length;
      this.wake();
    });
    stream.on('end', () => {
      this.ended = true;
      this.wake();
    });
  }

  private wake(): void {
    for (const w of this.waiting.splice(0)) w();
  }

  private packetLength(): number | undefined {
    if (this.length < 4) return undefined;
    if (this.chunks[0]!.length < 4) this.chunks = [Buffer.concat(this.chunks, this.length)];
    const header = this.chunks[0]!.subarray(0, 4).toString('latin1');
    if (!/^[0-9a-f]{4}$/i.test(header)) throw new Error(`bad pkt-line length ${JSON.stringify(header)}`);
    const length = parseInt(header, 16);
    if (length !== 0 && length < 4) throw new Error(`unsupported pkt-line packet ${header}`);
    return length === 0 ? 4 : length;
  }

  /** The next packet, or undefined at the end of the stream. */
  async read(): Promise<Packet | undefined> {
    for (;;) {
      const needed = this.packetLength();
      if (needed !== undefined && this.length >= needed) {
        const buffer = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.length);
        const parsed = takePacket(buffer)!;
        this.chunks = parsed.rest.length > 0 ? [parsed.rest] : [];
        this.length = parsed.rest.length;
        return parsed.packet;
      }
      if (this.ended) {
        if (this.length > 0) throw new Error('the stream ended in the middle of a pkt-line packet');
        return undefined;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  /** Text packets up to the next flush, without their trailing LF. */
  async readTextList(): Promise<string[] | undefined> {
    const lines: string[] = [];
    for (;;) {
      const packet = await this.read();
      if (packet === undefined) return lines.length === 0 ? undefined : lines;
      if (packet === null) return lines;
      // `pathname=` holds git's bytes for the path: decoded losslessly, as every path is
      lines.push(decodeGitPath(packet).replace(/\n$/, ''));
    }
  }

  /** Binary packets up to the next flush, joined. */
  async readContent(): Promise<Buffer> {
    const parts: Buffer[] = [];
    for (;;) {
      const packet = await this.read();
      if (packet === undefined) throw new Error('the stream ended before the content was complete');
      if (packet === null) return Buffer.concat(parts);
      parts.push(packet);
    }
  }
}

/** Takes one packet off the front of `buffer`, or undefined if it is not complete yet. Pure. */
export function takePacket(buffer: Buffer): { packet: Packet; rest: Buffer } | undefined {
  if (buffer.length < 4) return undefined;
  const header = buffer.subarray(0, 4).toString('latin1');
  if (!/^[0-9a-f]{4}$/i.test(header)) throw new Error(`bad pkt-line length ${JSON.stringify(header)}`);
  const length = parseInt(header, 16);
  if (length === 0) return { packet: null, rest: buffer.subarray(4) };
  if (length < 4) throw new Error(`unsupported pkt-line packet ${header}`);
  if (buffer.length < length) return undefined;
  return { packet: Buffer.from(buffer.subarray(4, length)), rest: buffer.subarray(length) };
}
