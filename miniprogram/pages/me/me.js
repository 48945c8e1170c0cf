const api = require('../../utils/api')
const format = require('../../utils/format')

const VIA = { product: 'a cover you shared', envelope: 'your red envelope' }

function referralView(r) {
  const orders = r.orders || 0
  return {
    nickname: r.nickname || 'A WeChat friend',
    joined: format.date(r.joined_at),
    via: VIA[r.via] ? 'Came through ' + VIA[r.via] : '',
    bought: orders ? 'Bought ' + orders + (orders === 1 ? ' policy' : ' policies') : 'Has not bought cover yet',
  }
}

function chooseSandboxName() {
  return new Promise((resolve) => {
    wx.showActionSheet({
      itemList: api.SANDBOX_NAMES,
      success: (res) => resolve(api.SANDBOX_NAMES[res.tapIndex]),
      fail: () => resolve(null),
    })
  })
}

Component({
  data: {
    loading: true,
    error: '',
    nickname: '',
    avatarUrl: '',
    phoneMasked: '',
    sandbox: false,
    sandboxName: '',
    sandboxPhone: '',
    referrals: [],
    referralsError: '',
    busy: '',
  },

  methods: {
    onShow() {
      return this.load()
    },

    showProfile(profile) {
      this.setData({
        nickname: profile.nickname || '',
        avatarUrl: profile.avatar_url || '',
        phoneMasked: profile.phone_masked || '',
      })
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
        const referrals = await api.get('/api/v1/me/referrals')
        this.setData({ referrals: referrals.map(referralView), referralsError: '' })
      } catch (err) {
        this.setData({ referrals: [], referralsError: err.message })
      }
    },

    async saveProfile(changes, what) {
      this.setData({ busy: what })
      try {
        const profile = await api.patch('/api/v1/me', changes)
        this.showProfile(profile)
        wx.showToast({ title: 'Saved', icon: 'success' })
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
        wx.showToast({ title: 'Type a nickname first', icon: 'none' })
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
        this.setData({ phoneMasked: result.phone_masked })
        wx.showToast({ title: 'Phone saved', icon: 'success' })
      } catch (err) {
        api.showError(err)
      } finally {
        this.setData({ busy: '' })
      }
    },

    onGetPhoneNumber(event) {
      const code = event.detail && event.detail.code
      if (!code) {
        // The user said no, or the phone cannot share it: nothing to do.
        wx.showToast({ title: 'Phone number not shared', icon: 'none' })
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
        wx.showToast({ title: 'Enter 11 digits starting with 1', icon: 'none' })
        return
      }
      return this.bindPhone('sandbox-phone:' + digits)
    },

    async switchUser() {
      const name = await chooseSandboxName()
      if (!name || name === this.data.sandboxName) return
      try {
        await api.switchSandboxUser(name)
      } catch (err) {
        api.showError(err)
        return
      }
      this.loaded = false
      await this.load()
    },
  },
})
