// One document to read in full: a product's clauses, purchase notice, exclusions,
// personal-information authorization or health declaration (?url=<its url>&title=),
// or our privacy policy (?privacy=1). The server writes it as simple HTML; we ask for
// the body fragment in the user's language and show it in <rich-text>.

const api = require('../../utils/api')
const i18n = require('../../utils/i18n')

const PRIVACY_PATH = '/privacy'

Component({
  data: {
    t: i18n.page('document'),
    loading: true,
    error: '',
    html: '',
  },

  methods: {
    onLoad(query) {
      this.privacy = query.privacy === '1'
      this.pageUrl = this.privacy ? PRIVACY_PATH : query.url || ''
      this.heading = this.privacy ? i18n.t('common.privacyPolicy') : query.title || ''
      i18n.apply(this, 'document')
      return this.load()
    },

    onReady() {
      if (this.heading) wx.setNavigationBarTitle({ title: this.heading })
      else i18n.title('document')
    },

    async load() {
      this.setData({ loading: true, error: '' })
      try {
        const html = await api.fragment(this.pageUrl)
        this.setData({ loading: false, html })
      } catch (err) {
        this.setData({ loading: false, error: err.message })
      }
    },
  },
})
