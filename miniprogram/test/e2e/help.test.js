// Help and the privacy policy from the real backend, before any login.
const { User, t } = require('../support/e2e')
const ui = require('../support/ui')

test('the help page and the privacy policy read from the server without logging in', async () => {
  const visitor = new User('e2e-visitor')

  const help = await visitor.open('/pages/help/help')
  expect(ui.contactButton(help.page)).toEqual({ tag: 'WX-BUTTON', openType: 'contact', text: t('common.contactUs') })
  expect(help.instance.data.faq.length).toBeGreaterThan(0)
  expect(help.page.querySelectorAll('.complaint-step').length).toBeGreaterThanOrEqual(3)
  expect(ui.text(help.page)).toContain('12378') // the regulator's complaint line

  await ui.tap(help.page, '.privacy')
  const privacy = await visitor.open(visitor.lastUrl())
  await ui.waitFor(privacy.page, () => privacy.instance.data.html, 10000)
  expect(privacy.instance.data.html).toMatch(/隐私/)
  expect(privacy.instance.data.html).not.toMatch(/<html|<head|<script/i)
  expect(visitor.fake.storage.get('rc_token')).toBeFalsy()
})
