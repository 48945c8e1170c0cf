const api = require('../../utils/api')
const money = require('../../utils/money')
const i18n = require('../../utils/i18n')
const format = require('../../utils/format')
const insuredForm = require('../../utils/insured')
const agreement = require('../../utils/agreement')
const privacy = require('../../utils/privacy')

// Which version of this page showed the gift cover's documents (kept with the trace).
const PAGE_VERSION = 'rewards-2'

function rewardView(r, policyNo) {
  const detail = [i18n.t('rewards.detail', { coverage: money.coverage(r.coverage_fen) })]
  if (r.status === 'available' && r.valid_until) detail.push(i18n.t('rewards.activateBy', { date: format.date(r.valid_until) }))
  return {
    id: r.id,
    name: r.name,
    detail: detail.join(' · '),
    status: i18n.label('rewardStatus', r.status),
    redeemable: r.status === 'available',
    done: r.status === 'redeemed',
    policyNoLine: policyNo ? i18n.t('common.policyNoLine', { no: policyNo }) : '',
  }
}

function weRunFromPhone() {
  return new Promise((resolve, reject) => {
    wx.getWeRunData({
      success: (res) => resolve({ encrypted_data: res.encryptedData, iv: res.iv }),
      fail: (res) => {
        // Not agreeing to the privacy guideline: the pop-up has said what that means.
        if (privacy.refused(res)) return reject(new api.ApiError(0, 'privacy_refused', ''))
        return reject(new api.ApiError(0, 'werun_denied', i18n.t('rewards.werunDenied')))
      },
    })
  })
}

Component({
  behaviors: [agreement.behavior, agreement.giftCover],

  data: {
    t: i18n.page('rewards'),
    loading: true,
    error: '',
    sandbox: false,
    simSteps: '12000',
    stepsToday: null,
    rewards: [],
    synced: false,
    busy: '',
    redeeming: null,
    name: '',
    idNumber: '',
    errors: { name: '', idNumber: '', person: '' },
  },

  methods: {
    onLoad() {
      this.policies = {} // reward id -> policy number, for rewards activated here
      i18n.apply(this, 'rewards')
      this.setData({ sandbox: api.isSandbox() })
      return this.load()
    },

    onReady() {
      i18n.title('rewards')
    },

    showRewards(rewards) {
      this.setData({ rewards: rewards.map((r) => rewardView(r, this.policies[r.id])) })
    },

    async load() {
      this.setData({ loading: !this.data.rewards.length, error: '' })
      try {
        this.showRewards(await api.get('/api/v1/rewards'))
        this.setData({ loading: false })
      } catch (err) {
        this.setData({ loading: false, error: err.message })
      }
    },

    async onPullDownRefresh() {
      await this.load()
      wx.stopPullDownRefresh()
    },

    onSimStepsChange(event) {
      this.setData({ simSteps: event.detail })
    },

    /** Today's WeRun data, encrypted by WeChat with our current session key. */
    async weRunData() {
      if (!api.isSandbox()) return weRunFromPhone()
      // The sandbox plays WeChat: it encrypts the pretend count for this user.
      const me = await api.get('/api/v1/me')
      const steps = Math.max(0, parseInt(this.data.simSteps, 10) || 0)
      return api.post('/sandbox/wechat/werun', { openid: me.openid, steps }, { auth: false })
    },

    async sync() {
      if (this.data.busy) return
      this.setData({ busy: 'sync' })
      try {
        let result
        try {
          result = await api.post('/api/v1/rewards/werun', await this.weRunData())
        } catch (err) {
          if (err.code !== 'session_expired') throw err
          // WeChat's session key moved on since we logged in: log in again for a fresh
          // one, then read the steps again (the old data was encrypted with the old key).
          await api.login()
          result = await api.post('/api/v1/rewards/werun', await this.weRunData())
        }
        this.showRewards(result.rewards || [])
        this.setData({ stepsToday: result.steps_today, synced: true, error: '' })
      } catch (err) {
        if (err.code !== 'privacy_refused') api.showError(err)
      } finally {
        this.setData({ busy: '' })
      }
    },

    async startRedeem(event) {
      await this.loadGiftDocuments({ redeeming: event.currentTarget.dataset.id, errors: insuredForm.noErrors() })
    },

    cancelRedeem() {
      this.setData({ redeeming: null })
    },

    async redeem() {
      if (this.data.busy) return
      const rewardId = this.data.redeeming
      await this.claimGiftCover('/api/v1/rewards/' + rewardId + '/redeem', PAGE_VERSION, {
        busy: 'redeem',
        idle: '',
        done: async (result) => {
          this.policies[rewardId] = result.policy_no
          this.setData({ redeeming: null })
          wx.showToast({ title: i18n.t('common.activated'), icon: 'success' })
          await this.load()
        },
        gone: async () => {
          this.setData({ redeeming: null })
          await this.load()
        },
      })
    },
  },
})
