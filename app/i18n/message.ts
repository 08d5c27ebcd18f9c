/**
 * Messages from schemas and actions are translation keys, some followed by `|name=value` for the
 * text's placeholders: `common:form.tooLong|max=1000`. This turns one into the reader's language.
 */
export function translateMessage(t: (key: string, options?: Record<string, string>) => string, message: string): string {
  const [key = '', ...params] = message.split('|')
  const values = Object.fromEntries(params.map((param) => [param.slice(0, param.indexOf('=')), param.slice(param.indexOf('=') + 1)]))
  return t(key, values)
}
