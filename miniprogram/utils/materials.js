// Claim documents (photos of bills, reports): one wx.uploadFile per file, each a
// multipart part named "files", as the claims API takes them.

const api = require('./api')

/** Upload each local file in turn; resolves { uploaded, failed, error }. */
async function uploadMaterials(claimNo, filePaths) {
  let uploaded = 0
  let failed = 0
  let error = null
  for (const filePath of filePaths) {
    try {
      await api.upload('/api/v1/claims/' + encodeURIComponent(claimNo) + '/materials', filePath, { name: 'files' })
      uploaded += 1
    } catch (err) {
      failed += 1
      error = err
    }
  }
  return { uploaded, failed, error }
}

/**
 * Let the user pick PDF e-invoices (WeChat lets a mini-program pick files only from
 * chats). Resolves [{ path, name }], [] when they back out.
 */
function choosePdfs(count) {
  return new Promise((resolve) => {
    wx.chooseMessageFile({
      count,
      type: 'file',
      extension: ['pdf'],
      success: (res) => resolve((res.tempFiles || []).map((f) => ({ path: f.path, name: f.name }))),
      fail: () => resolve([]),
    })
  })
}

module.exports = { uploadMaterials, choosePdfs }
