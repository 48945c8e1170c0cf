// Paying for an order or a red envelope. On a phone: wx.requestPayment with the
// pay_params our server signed. In sandbox mode there is no WeChat Pay: after the
// user confirms, we tell the server's WeChat sandbox that the user paid, and it
// sends the payment notification to the server the way WeChat would.

const api = require('./api')
const money = require('./money')
const dialog = require('./dialog')
const i18n = require('./i18n')

const CANCELLED = 'payment_cancelled'

function cancelled() {
  return new api.ApiError(0, CANCELLED, i18n.t('pay.cancelled'), {})
}

function prepayIdOf(payParams) {
  const match = /prepay_id=([^&]+)/.exec((payParams && payParams.package) || '')
  if (!match) throw new api.ApiError(0, 'payment_failed', i18n.t('pay.incomplete'), {})
  return match[1]
}

function requestPayment(payParams) {
  return new Promise((resolve, reject) => {
    wx.requestPayment({
      timeStamp: payParams.timeStamp,
      nonceStr: payParams.nonceStr,
      package: payParams.package,
      signType: payParams.signType,
      paySign: payParams.paySign,
      success: resolve,
      fail: (err) =>
        reject(
          /cancel/.test((err && err.errMsg) || '')
            ? cancelled()
            : new api.ApiError(0, 'payment_failed', i18n.t('pay.failed'), { errMsg: err && err.errMsg }),
        ),
    })
  })
}

/**
 * Pay `amountFen` with the server's pay_params. Resolves once the user has paid
 * (the server learns it from WeChat's notification: poll the order afterwards);
 * rejects with code "payment_cancelled" when the user backs out.
 */
async function pay(payParams, amountFen) {
  if (!api.isSandbox()) return requestPayment(payParams)
  const prepayId = prepayIdOf(payParams)
  const ok = await dialog.confirm(
    i18n.t('pay.sandboxTitle'),
    i18n.t('pay.sandboxContent', { amount: money.amount(amountFen) }),
    i18n.t('pay.confirm'),
  )
  if (!ok) throw cancelled()
  return api.post('/sandbox/wechat/pay/confirm', { prepay_id: prepayId }, { auth: false })
}

function isCancelled(err) {
  return !!err && err.code === CANCELLED
}

/**
 * Pay, and when it does not happen tell the user why: a toast when they backed out,
 * the error otherwise. Resolves true once paid, false if not.
 */
async function payOrExplain(payParams, amountFen) {
  try {
    await pay(payParams, amountFen)
    return true
  } catch (err) {
    if (isCancelled(err)) wx.showToast({ title: i18n.t('pay.cancelled'), icon: 'none' })
    else api.showError(err)
    return false
  }
}

module.exports = { pay, payOrExplain, isCancelled, prepayIdOf }
