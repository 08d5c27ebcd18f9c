/** Atom 1.0 (RFC 4287) documents, written by hand: the format is small and a library would add more than it saves. */
export interface AtomEntry {
  id: string
  title: string
  url: string
  updated: string
  summary: string
}

export interface AtomFeed {
  id: string
  title: string
  lang: string
  selfUrl: string
  pageUrl: string
  updated: string
  entries: AtomEntry[]
}

// XML 1.0 cannot carry most control characters at all, even escaped: they are dropped.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

export function xmlText(text: string): string {
  return text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

export function atomFeed(feed: AtomFeed): string {
  const entries = feed.entries.map(
    (e) => `  <entry>
    <id>${xmlText(e.id)}</id>
    <title>${xmlText(e.title)}</title>
    <link rel="alternate" type="text/html" href="${xmlText(e.url)}"/>
    <updated>${xmlText(e.updated)}</updated>
    <summary>${xmlText(e.summary)}</summary>
  </entry>
`,
  )
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(feed.lang)}">
  <id>${xmlText(feed.id)}</id>
  <title>${xmlText(feed.title)}</title>
  <link rel="self" type="application/atom+xml" href="${xmlText(feed.selfUrl)}"/>
  <link rel="alternate" type="text/html" href="${xmlText(feed.pageUrl)}"/>
  <link rel="license" href="https://creativecommons.org/licenses/by/4.0/"/>
  <updated>${xmlText(feed.updated)}</updated>
  <author><name>Hisaab</name></author>
${entries.join('')}</feed>
`
}
