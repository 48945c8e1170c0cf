// The phone's own dialogs, drawn inside the frame: toast, modal, action sheet, notices.

function frame() {
  return document.getElementById('rc-phone')
}

function el(tag, className, text) {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text !== undefined) node.textContent = text
  return node
}

let toastTimer = null

function toast({ title, icon, duration, mask }) {
  hideToast()
  const box = el('div', 'rc-toast' + (icon && icon !== 'none' ? ' rc-toast--icon' : ''))
  box.id = 'rc-toast'
  if (icon && icon !== 'none') box.appendChild(el('div', 'rc-toast__icon rc-toast__icon--' + icon, icon === 'error' ? '✕' : icon === 'loading' ? '…' : '✓'))
  box.appendChild(el('div', 'rc-toast__title', title || ''))
  if (mask) box.classList.add('rc-toast--mask')
  frame().appendChild(box)
  if (duration !== Infinity) toastTimer = setTimeout(hideToast, duration || 1500)
}

function hideToast() {
  if (toastTimer) clearTimeout(toastTimer)
  toastTimer = null
  const old = document.getElementById('rc-toast')
  if (old) old.remove()
}

/** A centred dialog; resolves true (confirm) or false (cancel). */
function modal({ title, content, showCancel, cancelText, confirmText, editable, placeholderText }) {
  return new Promise((resolve) => {
    const mask = el('div', 'rc-mask')
    const box = el('div', 'rc-modal')
    box.setAttribute('role', 'dialog')
    if (title) box.appendChild(el('div', 'rc-modal__title', title))
    if (content) box.appendChild(el('div', 'rc-modal__content', content))
    let input = null
    if (editable) {
      input = el('input', 'rc-modal__input')
      input.placeholder = placeholderText || ''
      box.appendChild(input)
    }
    const buttons = el('div', 'rc-modal__buttons')
    const close = (confirm) => {
      mask.remove()
      resolve({ confirm, cancel: !confirm, content: input ? input.value : undefined })
    }
    if (showCancel !== false) {
      const cancel = el('button', 'rc-modal__button rc-modal__cancel', cancelText || '取消')
      cancel.addEventListener('click', () => close(false))
      buttons.appendChild(cancel)
    }
    const ok = el('button', 'rc-modal__button rc-modal__confirm', confirmText || '确定')
    ok.addEventListener('click', () => close(true))
    buttons.appendChild(ok)
    box.appendChild(buttons)
    mask.appendChild(box)
    frame().appendChild(mask)
  })
}

/** A sheet from the bottom; resolves the tapped index, or -1 on cancel. */
function actionSheet({ alertText, itemList }) {
  return new Promise((resolve) => {
    const mask = el('div', 'rc-mask rc-mask--bottom')
    const box = el('div', 'rc-sheet')
    box.setAttribute('role', 'menu')
    if (alertText) box.appendChild(el('div', 'rc-sheet__alert', alertText))
    const close = (index) => {
      mask.remove()
      resolve(index)
    }
    itemList.forEach((item, index) => {
      const row = el('button', 'rc-sheet__item', item)
      row.setAttribute('role', 'menuitem')
      row.addEventListener('click', () => close(index))
      box.appendChild(row)
    })
    const cancel = el('button', 'rc-sheet__item rc-sheet__cancel', '取消')
    cancel.addEventListener('click', () => close(-1))
    box.appendChild(cancel)
    mask.addEventListener('click', (event) => {
      if (event.target === mask) close(-1)
    })
    mask.appendChild(box)
    frame().appendChild(mask)
  })
}

/** A sheet with a form of its own (pay, sign, share link...): `build(box, close)`. */
function sheet(className, build) {
  return new Promise((resolve) => {
    const mask = el('div', 'rc-mask rc-mask--bottom')
    const box = el('div', 'rc-sheet ' + className)
    const close = (value) => {
      mask.remove()
      resolve(value)
    }
    build(box, close, el)
    mask.appendChild(box)
    frame().appendChild(mask)
  })
}

/** A visible line above the phone: something the preview cannot do, or a limit WeChat would enforce. */
function notice(text) {
  const list = document.getElementById('rc-notices')
  const item = el('li', 'rc-notice', text)
  list.appendChild(item)
  console.warn('[preview] ' + text)
  setTimeout(() => item.remove(), 12000)
}

module.exports = { toast, hideToast, modal, actionSheet, sheet, notice, el }
