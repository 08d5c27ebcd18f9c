import { strToU8, Zip, ZipDeflate } from 'fflate'

/** A file in a zip: its name and its content, produced a piece at a time. */
export interface ZipPart {
  name: string
  content: () => AsyncIterable<string | Uint8Array>
}

/**
 * A zip produced as it is read: each part's content is compressed a piece at a time, so a
 * million-row table never sits in memory. Parts are written in order, one after the other, so a
 * later part (a manifest) may describe the earlier ones.
 */
export function zipStream(parts: Iterable<ZipPart> | AsyncIterable<ZipPart>): ReadableStream<Uint8Array> {
  let controller!: ReadableStreamDefaultController<Uint8Array>
  let produced = 0
  const zip = new Zip((error, chunk, final) => {
    if (error) return controller.error(error)
    controller.enqueue(chunk)
    produced += 1
    if (final) controller.close()
  })
  // A fixed time in local time, so that the same content gives the same zip bytes.
  const mtime = new Date(2000, 0, 1, 12)
  async function* steps(): AsyncGenerator<void> {
    for await (const part of parts) {
      const file = new ZipDeflate(part.name, { level: 6 })
      file.mtime = mtime
      zip.add(file)
      for await (const piece of part.content()) {
        file.push(typeof piece === 'string' ? strToU8(piece) : piece)
        yield
      }
      file.push(new Uint8Array(0), true)
    }
    zip.end()
  }
  const running = steps()
  return new ReadableStream<Uint8Array>({
    start(c) {
      controller = c
    },
    // A stream pulls again only after something was enqueued, so keep compressing until a chunk comes out.
    async pull() {
      const before = produced
      while (produced === before) if ((await running.next()).done) return
    },
    async cancel() {
      await running.return(undefined)
    },
  })
}
