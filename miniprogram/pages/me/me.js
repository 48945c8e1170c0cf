const api = require('../../utils/api')
const i18n = require('../../utils/i18n')
const format = require('../../utils/format')
const privacy = require('../../utils/privacy')

// The language sheet: follow WeChat (''), then each language by its own name.
const LANGUAGE_CHOICES = [''].concat(i18n.LANGUAGES)

function referralView(r) {
  const orders = r.orders || 0
  return {
    nickname: r.nickname || i18n.t('common.wechatFriend'),
    joined: format.date(r.joined_at),
    via: r.via === 'product' || r.via === 'envelope' ? i18n.t('me.via.' + r.via) : '',
    bought: orders ? i18n.t('me.bought', { count: orders }) : i18n.t('me.notBought'),
  }
}

/** "简体中文" when picked here; "跟随微信（简体中文）" when it follows WeChat. */
function languageValue() {
  const name = i18n.t('me.languageNames.' + i18n.current())
  return i18n.chosen() ? name : i18n.t('me.languageFollowing', { name })
}

function chooseFrom(itemList, choices) {
  return new Promise((resolve) => {
    wx.showActionSheet({
      itemList,
      success: (res) => resolve(choices[res.tapIndex]),
      fail: () => resolve(null),
    })
  })
}

Component({
  data: {
    t: i18n.page('me'),
    loading: true,
    error: '',
    nickname: '',
    avatarUrl: '',
    phoneMasked: '',
    phoneLine: '',
    languageValue: '',
    sandbox: false,
    sandboxName: '',
    sandboxPhone: '',
    referrals: [],
    referralsError: '',
    // WeChat's privacy guideline: '' (not known yet), 'agreed' or 'needed'.
    privacyState: '',
    busy: '',
  },

  methods: {
    onShow() {
      this.showLanguage()
      this.showPrivacy()
      return this.load()
    },

    /** Whether the user has agreed to WeChat's privacy guideline for us. */
    async showPrivacy() {
      const { known, needed } = await privacy.setting()
      this.setData({ privacyState: !known ? '' : needed ? 'needed' : 'agreed' })
    },

    /** Not agreed yet: ask now (the pop-up); agreed: read the guideline in WeChat. */
    async openPrivacyGuideline() {
      const { needed } = await privacy.setting()
      if (!needed) {
        wx.openPrivacyContract({})
        return
      }
      await privacy.ask()
      await this.showPrivacy()
    },

    openPrivacy() {
      wx.navigateTo({ url: '/pages/document/document?privacy=1' })
    },

    openAccountClosure() {
      wx.navigateTo({ url: '/pages/account-closure/account-closure' })
    },

    onReady() {
      i18n.title('me')
    },

    /** Words in the current language, for everything on the page. */
    showLanguage() {
      i18n.apply(this, 'me')
      this.setData({ languageValue: languageValue() })
      this.showPhone(this.data.phoneMasked)
      if (this.referralRecords) this.setData({ referrals: this.referralRecords.map(referralView) })
    },

    showPhone(phoneMasked) {
      this.setData({
        phoneMasked,
        phoneLine: phoneMasked ? i18n.t('me.phoneLine', { phone: phoneMasked }) : i18n.t('me.noPhone'),
      })
    },

    showProfile(profile) {
      this.setData({ nickname: profile.nickname || '', avatarUrl: profile.avatar_url || '' })
      this.showPhone(profile.phone_masked || '')
    },

    async load() {
      this.setData({ loading: !this.loaded, error: '', sandbox: api.isSandbox() })
      try {
        const profile = await api.get('/api/v1/me')
        this.loaded = true
        this.showProfile(profile)
        this.setData({ loading: false, sandboxName: api.currentSandboxName() })
      } catch (err) {
        this.setData({ loading: false, error: err.message })
        return
      }
      await this.loadReferrals()
    },

    async loadReferrals() {
      try {
        this.referralRecords = await api.get('/api/v1/me/referrals')
        this.setData({ referrals: this.referralRecords.map(referralView), referralsError: '' })
      } catch (err) {
        this.referralRecords = null
        this.setData({ referrals: [], referralsError: err.message })
      }
    },

    /** Pick a language, or follow WeChat's again; the server records it for its messages. */
    async chooseLanguage() {
      const names = i18n.LANGUAGES.map((code) => i18n.t('me.languageNames.' + code))
      const choice = await chooseFrom([i18n.t('me.languageFollow')].concat(names), LANGUAGE_CHOICES)
      if (choice === null || choice === undefined) return
      i18n.choose(choice)
      this.showLanguage()
      await api.reportLanguage()
    },

    async saveProfile(changes, what) {
      this.setData({ busy: what })
      try {
        const profile = await api.patch('/api/v1/me', changes)
        this.showProfile(profile)
        wx.showToast({ title: i18n.t('me.saved'), icon: 'success' })
        return true
      } catch (err) {
        api.showError(err)
        return false
      } finally {
        this.setData({ busy: '' })
      }
    },

    // WeChat checks a nickname typed with type="nickname" when the field loses focus
    // and may clear it: read it from the form on submit, as WeChat recommends.
    saveNickname(event) {
      const nickname = ((event.detail.value || {}).nickname || '').trim()
      if (!nickname) {
        wx.showToast({ title: i18n.t('me.nicknameFirst'), icon: 'none' })
        return
      }
      return this.saveProfile({ nickname }, 'nickname')
    },

    // The chosen avatar is a temporary file on the phone: upload it, then save its URL.
    async onChooseAvatar(event) {
      const previous = this.data.avatarUrl
      const localPath = event.detail.avatarUrl
      if (!localPath) return
      this.setData({ avatarUrl: localPath, busy: 'avatar' })
      try {
        const uploaded = await api.upload('/api/v1/me/avatar', localPath, { name: 'file' })
        this.setData({ busy: '' })
        const saved = await this.saveProfile({ avatar_url: uploaded.avatar_url }, 'avatar')
        if (!saved) this.setData({ avatarUrl: previous })
      } catch (err) {
        this.setData({ avatarUrl: previous, busy: '' })
        api.showError(err)
      }
    },

    async bindPhone(code) {
      this.setData({ busy: 'phone' })
      try {
        const result = await api.post('/api/v1/auth/phone', { code })
        this.showPhone(result.phone_masked)
        wx.showToast({ title: i18n.t('me.phoneSaved'), icon: 'success' })
      } catch (err) {
        api.showError(err)
      } finally {
        this.setData({ busy: '' })
      }
    },

    onGetPhoneNumber(event) {
      const code = event.detail && event.detail.code
      // Not agreeing to the privacy guideline: the pop-up has said what that means.
      if (!code && privacy.refused(event.detail)) return undefined
      if (!code) {
        // The user said no, or the phone cannot share it: nothing to do.
        wx.showToast({ title: i18n.t('me.phoneNotShared'), icon: 'none' })
        return
      }
      return this.bindPhone(code)
    },

    onSandboxPhoneChange(event) {
      this.setData({ sandboxPhone: event.detail })
    },

    bindSandboxPhone() {
      const digits = String(this.data.sandboxPhone || '').trim()
      if (!/^1\d{10}$/.test(digits)) {
        wx.showToast({ title: i18n.t('me.phoneDigits'), icon: 'none' })
        return
      }
      return this.bindPhone('sandbox-phone:' + digits)
    },

    async switchUser() {
      const name = await chooseFrom(api.SANDBOX_NAMES, api.SANDBOX_NAMES)
      if (!name || name === this.data.sandboxName) return
      try {
        await api.switchSandboxUser(name)
      } catch (err) {
        api.showError(err)
        return
      }
      this.loaded = false
      await Promise.all([this.load(), api.reportLanguage()])
    },
  },
})
