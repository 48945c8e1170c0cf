// WeChat's built-in tags as j-component components rendering to HTML that looks and behaves
// like WeChat's (the look is in the page's CSS, app/preview/templates/preview/index.html).
// Each renders as <wx-NAME>; the ones that take input put a real HTML control inside and
// fire WeChat's events (input, change, confirm, getphonenumber, ...).

const jComponent = require('j-component')

let hooks = {}
// Every tag install() registers: what a WXSS type selector may name (styles.js).
const names = []

function setHooks(value) {
  hooks = value
}

function register(name, definition) {
  names.push(name)
  jComponent.register(Object.assign({ id: name, tagName: 'wx-' + name, template: '<slot/>' }, definition || {}))
}

/** A real <input>/<textarea> inside the element, kept in step with the properties. */
function textControl(tag) {
  return {
    properties: {
      value: { type: null, value: '' },
      name: { type: String, value: '' },
      placeholder: { type: String, value: '' },
      type: { type: String, value: 'text' },
      password: { type: Boolean, value: false },
      maxlength: { type: Number, value: 140 },
      disabled: { type: Boolean, value: false },
      focus: { type: Boolean, value: false },
      autoFocus: { type: Boolean, value: false },
    },
    observers: {
      value() {
        this.syncControl(true)
      },
      'placeholder, type, password, maxlength, disabled, focus': function () {
        this.syncControl(false)
      },
    },
    lifetimes: {
      attached() {
        const el = document.createElement(tag)
        el.className = 'rc-control'
        this.$$.appendChild(el)
        this.control = el
        this.$$.rcFormValue = () => el.value // what a <form> around it submits under its name
        el.addEventListener('input', () => {
          const max = this.data.maxlength
          if (max >= 0 && el.value.length > max) el.value = el.value.slice(0, max)
          this.triggerEvent('input', { value: el.value, cursor: el.selectionStart || 0, keyCode: 0 })
        })
        el.addEventListener('focus', () => this.triggerEvent('focus', { value: el.value, height: 0 }))
        el.addEventListener('blur', () => this.triggerEvent('blur', { value: el.value, cursor: 0 }))
        el.addEventListener('keydown', (event) => {
          if (event.key === 'Enter' && tag === 'input') this.triggerEvent('confirm', { value: el.value })
        })
        this.syncControl(true)
      },
    },
    methods: {
      // As in WeChat, what the user typed stays until the bound value itself changes.
      syncControl(valueChanged) {
        const el = this.control
        if (!el) return
        const data = this.data
        const value = data.value === undefined || data.value === null ? '' : String(data.value)
        if (valueChanged && el.value !== value) el.value = value
        el.placeholder = data.placeholder || ''
        el.disabled = !!data.disabled
        if (data.name) this.$$.setAttribute('data-rc-name', data.name)
        if (tag === 'input') {
          el.type = data.password || data.type === 'safe-password' ? 'password' : 'text'
          el.inputMode = { number: 'numeric', digit: 'decimal', idcard: 'text' }[data.type] || 'text'
        }
        if (data.focus && document.activeElement !== el) setTimeout(() => el.focus(), 0)
      },
    },
  }
}

const IMAGE_FIT = { scaleToFill: 'fill', aspectFit: 'contain', aspectFill: 'cover', widthFix: 'cover', heightFix: 'cover' }

function install() {
  const plain = [
    'text', 'label', 'block-view', 'cover-view', 'cover-image', 'root-portal', 'icon', 'progress',
    'swiper-item', 'movable-area', 'movable-view', 'page-meta', 'navigation-bar', 'canvas', 'video', 'checkbox-group',
    'radio-group', 'checkbox', 'radio', 'slider', 'picker-view', 'picker-view-column', 'match-media', 'official-account',
    'open-data', 'ad', 'map', 'camera', 'audio', 'web-view',
  ]
  plain.forEach((name) => register(name))

  // <view animation="{{animation}}">: plays what wx.createAnimation exported, one step after another, each as a
  // CSS transition of its styles and transforms.
  register('view', {
    properties: { animation: { type: null, value: null } },
    observers: {
      animation(exported) {
        const steps = (exported && exported.actions) || []
        if (!steps.length) return
        clearTimeout(this.rcAnimating)
        const el = this.$$
        const play = (i) => {
          if (i >= steps.length) return
          const { animates, option } = steps[i]
          const { duration, timingFunction, delay } = option.transition
          el.style.transition = 'all ' + duration + 'ms ' + timingFunction + ' ' + (delay || 0) + 'ms'
          el.style.transformOrigin = option.transformOrigin
          const transforms = []
          animates.forEach(({ type, args }) => {
            if (type === 'style') el.style[args[0]] = args[1]
            else {
              const unit = /^translate/.test(type) ? 'px' : /^(rotate|skew)/.test(type) ? 'deg' : ''
              transforms.push(type + '(' + args.map((a) => (typeof a === 'number' ? a + unit : a)).join(', ') + ')')
            }
          })
          if (transforms.length) el.style.transform = transforms.join(' ')
          this.rcAnimating = setTimeout(() => play(i + 1), (duration || 0) + (delay || 0))
        }
        play(0)
      },
    },
  })

  // <form>: a button with form-type="submit" (or "reset") inside it fires bindsubmit with the value of each
  // named control, as WeChat does ({ detail: { value: { nickname: '...' } } }).
  register('form', {
    lifetimes: {
      attached() {
        this.$$.rcForm = this
      },
    },
    methods: {
      rcSubmit(kind) {
        const controls = Array.from(this.$$.querySelectorAll('[data-rc-name]'))
          .filter((el) => el.closest('wx-form') === this.$$ && typeof el.rcFormValue === 'function')
        if (kind === 'reset') {
          controls.forEach((el) => {
            const control = el.querySelector('.rc-control')
            if (control) control.value = ''
          })
          this.triggerEvent('reset', {})
          return
        }
        const value = {}
        controls.forEach((el) => {
          value[el.getAttribute('data-rc-name')] = el.rcFormValue()
        })
        this.triggerEvent('submit', { value })
      },
    },
  })

  register('scroll-view', {
    properties: { scrollX: Boolean, scrollY: Boolean },
    observers: {
      'scrollX, scrollY': function (x, y) {
        this.$$.style.overflowX = x ? 'auto' : 'hidden'
        this.$$.style.overflowY = y ? 'auto' : 'hidden'
      },
    },
  })
  register('swiper', { properties: { current: Number, indicatorDots: Boolean, autoplay: Boolean } })

  register('input', textControl('input'))
  register('textarea', textControl('textarea'))

  register('image', {
    properties: { src: { type: String, value: '' }, mode: { type: String, value: 'scaleToFill' }, lazyLoad: Boolean },
    observers: {
      'src, mode': function () {
        this.syncImage()
      },
    },
    lifetimes: {
      attached() {
        const img = document.createElement('img')
        img.className = 'rc-image'
        img.addEventListener('load', () => this.triggerEvent('load', { width: img.naturalWidth, height: img.naturalHeight }))
        img.addEventListener('error', () => this.triggerEvent('error', { errMsg: 'GET ' + img.src + ' failed' }))
        this.$$.appendChild(img)
        this.img = img
        this.syncImage()
      },
    },
    methods: {
      syncImage() {
        if (!this.img) return
        if (this.data.src) this.img.src = this.data.src
        else this.img.removeAttribute('src')
        this.img.style.objectFit = IMAGE_FIT[this.data.mode] || 'fill'
        this.$$.classList.toggle('rc-width-fix', this.data.mode === 'widthFix')
      },
    },
  })

  register('button', {
    properties: {
      type: { type: String, value: 'default' },
      size: { type: String, value: 'default' },
      plain: Boolean,
      disabled: Boolean,
      loading: Boolean,
      openType: { type: String, value: '' },
      formType: { type: String, value: '' },
      sessionFrom: { type: String, value: '' },
    },
    observers: {
      'type, size, plain, disabled, loading': function (type, size, plain, disabled, loading) {
        const el = this.$$
        el.setAttribute('data-type', type || 'default')
        el.setAttribute('data-size', size || 'default')
        el.toggleAttribute('data-plain', !!plain)
        el.toggleAttribute('data-disabled', !!disabled)
        el.toggleAttribute('data-loading', !!loading)
      },
    },
    lifetimes: {
      attached() {
        this.$$.setAttribute('role', 'button')
        this.$$.addEventListener('click', () => {
          if (this.data.disabled) return
          const openType = this.data.openType
          if (openType && hooks.openType) hooks.openType(openType, this)
          const formType = this.data.formType
          if (formType === 'submit' || formType === 'reset') {
            const form = this.$$.closest('wx-form')
            if (form && form.rcForm) form.rcForm.rcSubmit(formType)
          }
        })
      },
    },
  })

  register('navigator', {
    properties: { url: String, openType: { type: String, value: 'navigate' }, delta: { type: Number, value: 1 } },
    lifetimes: {
      attached() {
        this.$$.addEventListener('click', () => hooks.navigator && hooks.navigator(this.data))
      },
    },
  })

  register('switch', {
    properties: { checked: Boolean, disabled: Boolean, color: String },
    observers: {
      checked(value) {
        this.$$.toggleAttribute('data-checked', !!value)
      },
    },
    lifetimes: {
      attached() {
        this.$$.addEventListener('click', () => {
          if (this.data.disabled) return
          this.setData({ checked: !this.data.checked })
          this.triggerEvent('change', { value: this.data.checked })
        })
      },
    },
  })

  register('rich-text', {
    properties: { nodes: { type: null, value: '' } },
    observers: {
      nodes(value) {
        const box = this.box || (this.box = this.$$.appendChild(document.createElement('div')))
        box.innerHTML = ''
        if (typeof value !== 'string') return
        const doc = new DOMParser().parseFromString(value, 'text/html')
        doc.querySelectorAll('script, style, iframe, object, embed').forEach((el) => el.remove())
        doc.querySelectorAll('*').forEach((el) => {
          for (const attr of Array.from(el.attributes)) if (/^on/i.test(attr.name)) el.removeAttribute(attr.name)
        })
        Array.from(doc.body.childNodes).forEach((node) => box.appendChild(document.importNode(node, true)))
      },
    },
  })

  register('picker', {
    properties: {
      mode: { type: String, value: 'selector' },
      range: { type: null, value: [] },
      rangeKey: { type: String, value: '' },
      value: { type: null, value: 0 },
      start: String,
      end: String,
      disabled: Boolean,
    },
    lifetimes: {
      attached() {
        this.$$.addEventListener('click', () => {
          if (this.data.disabled || !hooks.picker) return
          hooks.picker(this.data).then((value) => {
            if (value === null || value === undefined) this.triggerEvent('cancel', {})
            else this.triggerEvent('change', { value })
          })
        })
      },
    },
  })
}

module.exports = { install, setHooks, names }
