import { describe, expect, test } from 'vitest'
import { HOSTILE_RETURN_PATHS } from '../../tests/fixtures/return-paths'
import { afterSignInPath, safeRedirectPath } from './return-path'

const OWN = 'https://hisaab.example.pk/login?redirectTo=x'

describe('the path to return to after sign-in', () => {
  test.each(HOSTILE_RETURN_PATHS)('$name', ({ value, expected }) => {
    const path = safeRedirectPath(value, OWN, '/work')
    expect(path).toBe(expected ?? '/work')
    // Whatever comes back is a valid header value that the browser resolves to our own origin.
    expect(() => new Headers({ Location: path })).not.toThrow()
    expect(new URL(path, 'https://hisaab.example.pk').origin).toBe('https://hisaab.example.pk')
  })

  test('an absolute URL of our own origin is refused too: only paths are taken', () => {
    expect(safeRedirectPath('https://hisaab.example.pk/trusts', OWN, '/work')).toBe('/work')
  })

  test('anything that is not a string is the fallback', () => {
    expect(safeRedirectPath(null, OWN, '/work')).toBe('/work')
    expect(safeRedirectPath(undefined, OWN, '/work')).toBe('/work')
    expect(safeRedirectPath(new File(['/trusts'], 'f'), OWN, '/work')).toBe('/work')
  })

  test("the reader's language is added unless the path names one", () => {
    expect(afterSignInPath('ur', '/work')).toBe('/ur/work')
    expect(afterSignInPath('bal', '/ur/ledger')).toBe('/ur/ledger')
    expect(afterSignInPath('en', '/bal/ledger')).toBe('/bal/ledger')
    expect(afterSignInPath('ur', '/ur/%D8%A7')).toBe('/ur/%D8%A7')
  })
})
