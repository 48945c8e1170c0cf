// Help: customer service (WeChat's contact button), each insurer's hotline (a tap calls
// it), the FAQ and how to complain, from GET /api/v1/help in the user's language; and
// the privacy policy.

const api = require('../../utils/api')
const i18n = require('../../utils/i18n')

Component({
  data: {
    t: i18n.page('help'),
    loading: true,
    error: '',
    faq: [],
    openFaq: [],
    steps: [],
    insurers: [],
    serviceHours: '',
  },

  methods: {
    onLoad() {
      i18n.apply(this, 'help')
      return this.load()
    },

    onReady() {
      i18n.title('help')
    },

    async load() {
      this.setData({ loading: true, error: '' })
      try {
        const help = await api.get('/api/v1/help', { auth: false })
        this.setData({
          loading: false,
          faq: help.faq || [],
          steps: (help.complaint && help.complaint.steps) || [],
          insurers: (help.insurers || []).map((i) => ({ name: i.name, hotline: i.hotline || '', complaintChannel: i.complaint_channel || '' })),
          serviceHours: help.service_hours || '',
        })
      } catch (err) {
        this.setData({ loading: false, error: err.message })
      }
    },

    onFaqChange(event) {
      this.setData({ openFaq: event.detail })
    },

    call(event) {
      const insurer = this.data.insurers[Number(event.currentTarget.dataset.index)]
      if (insurer && insurer.hotline) wx.makePhoneCall({ phoneNumber: insurer.hotline })
    },

    openPrivacy() {
      wx.navigateTo({ url: '/pages/document/document?privacy=1' })
    },
  },
})
