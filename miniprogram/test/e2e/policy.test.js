// The e-policy through the policy page: downloaded with the owner's token, opened in
// WeChat's viewer; a real PDF from the backend.
const fs = require('fs')
const { User, t } = require('../support/e2e')
const { ID_1990 } = require('../support/fixtures')
const ui = require('../support/ui')

test('the owner opens the e-policy PDF from the policy page; customer service is there too', async () => {
  const owner = new User('e2e-policy-owner')
  const bought = await owner.buyPolicy('accident-basic', { name: 'Zhou Min', id_number: ID_1990 })

  const policy = await owner.open('/pages/policy/policy?no=' + bought.policy_no)
  expect(ui.contactButton(policy.page)).toEqual({ tag: 'WX-BUTTON', openType: 'contact', text: t('common.contactUs') })
  await ui.tap(policy.page, '.e-policy')
  await ui.waitFor(policy.page, () => owner.fake.calls('openDocument').length, 30000)

  const download = owner.fake.calls('downloadFile')[0]
  expect(download.url).toMatch(new RegExp('/api/v1/policies/' + bought.policy_no + '/document$'))
  expect(download.header.Authorization).toMatch(/^Bearer /)
  const opened = owner.fake.calls('openDocument')[0]
  expect(opened).toMatchObject({ fileType: 'pdf', showMenu: true })
  expect(fs.readFileSync(opened.filePath).subarray(0, 5).toString()).toBe('%PDF-')
  expect(owner.fake.calls('showModal')).toHaveLength(0)
})
