// ACF fields came in three shapes over the years: WYSIWYG HTML, textarea lines, repeater rows
export function daftar(field) {
  if (!field) return []
  if (Array.isArray(field)) return field.map((row) => row.item || row.langkah || '')
  if (/<(li|p)[\s>]/i.test(field)) {
    const el = document.createElement('div')
    el.innerHTML = field
    return [...el.querySelectorAll('li, p')].map((n) => n.textContent.replace(/^\d+\.\s*/, ''))
  }
  return field.split(/\r?\n/).map((s) => s.replace(/^(\d+\.|-)\s*/, '').trim()).filter(Boolean)
}
