// Paying for an order or a red envelope. On a phone: wx.requestPayment with the
// pay_params our server signed. In sandbox mode there is no WeChat Pay: after the
// user confirms, we tell the server's WeChat sandbox that the user paid, and it
// sends the payment notification to the server the way WeChat would.

const api = require('./api')
const money = require('./money')
const dialog = require('./dialog')

const CANCELLED = 'payment_cancelled'

function cancelled() {
  return new api.ApiError(0, CANCELLED, 'Payment cancelled.', {})
}

function prepayIdOf(payParams) {
  const match = /prepay_id=([^&]+)/.exec((payParams && payParams.package) || '')
  if (!match) throw new api.ApiError(0, 'payment_failed', 'The payment details are incomplete; please order again.', {})
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
            : new api.ApiError(0, 'payment_failed', 'The payment did not go through; please try again.', { errMsg: err && err.errMsg }),
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
  const ok = await dialog.confirm('Test payment', 'Test server: no real money moves. Pay ' + money.yuan(amountFen) + ' yuan?', 'Pay')
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
    if (isCancelled(err)) wx.showToast({ title: 'Payment cancelled', icon: 'none' })
    else api.showError(err)
    return false
  }
}

module.exports = { pay, payOrExplain, isCancelled, prepayIdOf }
