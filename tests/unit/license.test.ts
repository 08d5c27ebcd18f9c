import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'

const root = new URL('../../', import.meta.url)

test('the repository carries the licence package.json declares', () => {
  const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'))
  expect(pkg.license).toBe('AGPL-3.0-or-later')
  const licence = readFileSync(new URL('LICENSE', root), 'utf8')
  expect(licence.startsWith('GNU AFFERO GENERAL PUBLIC LICENSE\nVersion 3, 19 November 2007\n')).toBe(true)
  // "or later" is the licensee's option that the text itself grants in section 14.
  expect(licence).toContain('either version 3 of the License, or (at your option) any later version')
  expect(licence).toContain('13. Remote Network Interaction; Use with the GNU General Public License.')
})
