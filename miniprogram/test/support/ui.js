// Acting on a rendered page the way a user would: read it, tap, type, pick.

/** What the user reads: every piece of text, separated as the layout separates them. */
function text(node) {
  const pieces = []
  const walker = node.dom.ownerDocument.createTreeWalker(node.dom, 4 /* NodeFilter.SHOW_TEXT */)
  while (walker.nextNode()) pieces.push(walker.currentNode.nodeValue)
  return pieces.join(' ').replace(/\s+/g, ' ').trim()
}

function find(page, selector) {
  const el = page.querySelector(selector)
  if (!el) throw new Error('Nothing matches ' + selector + ' on the page. It shows: ' + text(page))
  return el
}

/**
 * An attribute as the WXML wrote it (rendered from data): WeChat's built-in components
 * (button's open-type, say) keep theirs as properties, not DOM attributes.
 */
function attr(el, name) {
  const vt = el._exparserNode && el._exparserNode._vt
  const camel = name.replace(/-(\w)/g, (whole, ch) => ch.toUpperCase())
  const found = vt && vt.attrs && vt.attrs.find((a) => a.name === name || a.name === camel)
  return found ? found.value : el.dom.getAttribute(name)
}

/** WeChat's customer-service entry: a native <button open-type="contact">, in the page's words. */
function contactButton(page) {
  const el = find(page, '.contact')
  return { tag: el.dom.tagName, openType: attr(el, 'open-type'), text: text(el) }
}

function exists(page, selector) {
  return !!page.querySelector(selector)
}

function tick(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms || 0))
}

/** Let pending callbacks, promises and re-renders run. */
async function settle() {
  for (let i = 0; i < 5; i++) await tick(0)
}

// Vant components listen on an inner native element: tap that one.
const TAP_TARGET = {
  'VAN-BUTTON': '.van-button',
  'VAN-CELL': '.van-cell',
  'VAN-TAG': '.van-tag',
}

async function tap(page, selector) {
  const el = find(page, selector)
  const inner = TAP_TARGET[el.dom.tagName]
  const target = inner ? el.querySelector(inner) : el
  target.dispatchEvent('tap')
  await settle()
}

/** Type into a native input/textarea or into a van-field's input. */
async function type(page, selector, value) {
  const el = find(page, selector)
  let target = el
  if (el.dom.tagName === 'VAN-FIELD') {
    target = el
      .querySelectorAll('.van-field__control')
      .find((c) => c.dom.tagName === 'WX-INPUT' || c.dom.tagName === 'WX-TEXTAREA')
  }
  target.dispatchEvent('input', { detail: { value: String(value) } })
  await settle()
}

/** Fire a component event (a picker's change, a form's submit, a Vant event). */
async function trigger(page, selector, eventName, detail) {
  find(page, selector).dispatchEvent(eventName, { detail })
  await settle()
}

/** Wait until check() returns something truthy; fail with what the page shows. */
async function waitFor(page, check, timeoutMs) {
  const deadline = Date.now() + (timeoutMs || 3000)
  let lastError = null
  for (;;) {
    try {
      const value = check()
      if (value) return value
    } catch (err) {
      lastError = err
    }
    if (Date.now() > deadline) {
      const why = lastError ? ' (' + lastError.message + ')' : ''
      throw new Error('Timed out waiting' + why + '. The page shows: ' + text(page))
    }
    await tick(20)
  }
}

/** Wait until the page's text contains `snippet`. */
function waitForText(page, snippet, timeoutMs) {
  return waitFor(page, () => text(page).includes(snippet), timeoutMs)
}

/**
 * `selector` stays off the page while `held` (fake-api's held()) keeps back the request `asked()` sees
 * made, and shows once that request is answered.
 */
async function shownOnlyOnceAnswered(page, held, asked, selector) {
  await waitFor(page, asked)
  await tick(50)
  expect(exists(page, selector)).toBe(false)
  held.release()
  await waitFor(page, () => exists(page, selector))
}

/** Tick what a page asks agreement to: the contract's documents, and the personal information's own consent. */
async function agreeToAll(page) {
  await tap(page, '.agree')
  if (exists(page, '.consent')) await tap(page, '.consent')
}

module.exports = {
  text, find, attr, contactButton, exists, tap, type, trigger, settle, tick, waitFor, waitForText, shownOnlyOnceAnswered,
  agreeToAll,
}
