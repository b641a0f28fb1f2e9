/**
 * The buyer simulator page: each buyer's conversation with a shop, drawn as a WhatsApp chat. Orders are
 * bubbles with their items, total and buttons; status updates, payments and refunds follow as messages.
 * Every message shows its text as the buyer reads it (an order_status message's body above its status line).
 * The buttons do what a buyer (or Meta, or the PSP) would, through the sandbox's control API; the control API's
 * raw answers sit in a debug log, closed by default.
 */
const STYLE = `
 * { box-sizing: border-box; }
 body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 0; background: #d1d7db; color: #111b21; height: 100vh; display: flex; flex-direction: column; }
 header { background: #008069; color: #fff; padding: 10px 20px; }
 header h1 { font-size: 17px; margin: 0; }
 header p { margin: 2px 0 0; font-size: 12px; opacity: .85; }
 .app { flex: 1; display: grid; grid-template-columns: 320px 1fr; min-height: 0; }
 aside { background: #fff; border-right: 1px solid #e9edef; overflow-y: auto; }
 .chat { display: flex; gap: 10px; padding: 10px 14px; border-bottom: 1px solid #f0f2f5; cursor: pointer; }
 .chat:hover, .chat.active { background: #f0f2f5; }
 .avatar { width: 40px; height: 40px; border-radius: 50%; background: #dfe5e7; display: grid; place-items: center; font-weight: 600; color: #54656f; flex: none; }
 .chat .who { font-size: 14px; font-weight: 600; }
 .chat .preview { font-size: 12px; color: #667781; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 230px; }
 .configs { padding: 10px 14px; font-size: 13px; }
 .configs h3 { font-size: 13px; color: #008069; margin: 8px 0; }
 .conversation { display: flex; flex-direction: column; min-height: 0; background: #efeae2; }
 .conversation .top { background: #f0f2f5; padding: 10px 16px; display: flex; gap: 10px; align-items: center; border-bottom: 1px solid #e9edef; }
 .conversation .top .sub { font-size: 12px; color: #667781; }
 .messages { flex: 1; overflow-y: auto; padding: 16px 8%; display: flex; flex-direction: column; gap: 6px; }
 .bubble { max-width: 420px; padding: 6px 9px 18px; border-radius: 8px; font-size: 14px; position: relative; box-shadow: 0 1px .5px rgba(11,20,26,.13); }
 .bubble.in { background: #fff; align-self: flex-start; border-top-left-radius: 0; }
 .bubble.out { background: #d9fdd3; align-self: flex-end; border-top-right-radius: 0; }
 .bubble .time { position: absolute; right: 8px; bottom: 3px; font-size: 11px; color: #667781; }
 .system { align-self: center; background: #fff8c5; color: #54656f; font-size: 12px; padding: 4px 10px; border-radius: 7px; box-shadow: 0 1px .5px rgba(11,20,26,.13); }
 .order .card { background: #f7f8fa; border-radius: 6px; padding: 8px 10px; margin: 2px 0 6px; }
 .order .title { font-weight: 600; font-size: 13px; color: #008069; margin-bottom: 4px; }
 .order table { width: 100%; font-size: 13px; border-collapse: collapse; }
 .order td { padding: 1px 0; } .order td.r { text-align: right; white-space: nowrap; }
 .order tr.sum td { color: #667781; font-size: 12px; }
 .order tr.total td { font-weight: 700; border-top: 1px solid #e9edef; padding-top: 4px; }
 .order .body { white-space: pre-wrap; margin: 4px 0; }
 .bubble .footer { font-size: 12px; color: #667781; }
 .badge { display: inline-block; padding: 1px 7px; border-radius: 10px; font-size: 11px; margin: 2px 3px 0 0; background: #e9edef; }
 .badge.captured, .badge.status-completed { background: #25d366; color: #fff; } .badge.failed, .badge.status-canceled { background: #ea0038; color: #fff; } .badge.pending { background: #ffd279; }
 .actions { border-top: 1px solid #e9edef; margin: 6px -9px -12px; display: flex; flex-direction: column; }
 .actions button { background: none; border: 0; border-top: 1px solid #f0f2f5; color: #027eb5; font-size: 14px; padding: 8px; cursor: pointer; }
 .actions button:first-child { border-top: 0; }
 .actions button.secondary { color: #667781; }
 .empty { padding: 40px; color: #667781; text-align: center; }
 .tpl { font-size: 11px; color: #667781; margin-bottom: 2px; } .hdr { font-weight: 700; margin: 2px 0; }
 .cta { text-align: center; color: #027eb5; border-top: 1px solid #e9edef; margin: 6px -9px 0; padding: 6px; font-size: 14px; }
 .bubble.carousel { max-width: 680px; }
 .paylink .card { background: #f7f8fa; border-radius: 6px; padding: 8px 10px; margin: 6px 0; } .paylink .title { font-weight: 600; font-size: 13px; color: #008069; }
 .paylink .link { font-size: 12px; color: #54656f; word-break: break-all; } a.cta { display: block; text-decoration: none; }
 .cards { display: flex; gap: 8px; overflow-x: auto; padding: 4px 0; } .cards .order { min-width: 240px; box-shadow: none; border: 1px solid #e9edef; }
 .products .title { margin-top: 4px; } .products .sku { color: #667781; font-size: 11px; } .products input.qty { width: 48px; } .products td.r { padding-left: 8px; } .products .note { font-size: 12px; color: #667781; margin: 4px 0; }
 .cards .product-card { min-width: 200px; background: #fff; border: 1px solid #e9edef; }
 .tools { display: flex; gap: 6px; padding: 8px 14px; flex-wrap: wrap; border-bottom: 1px solid #f0f2f5; font-size: 13px; }
 .tools input, .tools select { font-size: 13px; padding: 3px 6px; } .tools button { font-size: 13px; }
 .tools .field { display: flex; flex-direction: column; gap: 2px; } .tools label { font-size: 11px; color: #54656f; }
 .bubble.status .body { white-space: pre-wrap; margin-bottom: 4px; } .bubble.status .state { font-size: 12px; color: #54656f; }
 #debug { background: #f0f2f5; border-top: 1px solid #e9edef; font-size: 12px; } #debug summary { cursor: pointer; padding: 3px 16px; color: #54656f; }
 #log { font-family: ui-monospace, monospace; font-size: 11px; padding: 4px 16px; max-height: 80px; overflow-y: auto; white-space: pre-wrap; }
`;

const SCRIPT = `
const fmt = (v) => (Number(v) / 100).toFixed(2);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const time = (at) => new Date(at * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
const METHOD = { pix_dynamic_code: 'Pix', boleto: 'Boleto', payment_link: 'Payment link', offsite_card_pay: 'Card (One-Click)', payment_gateway: 'Payment gateway', upi_intent_link: 'UPI', legacy_upi: 'UPI' };
let state = { orders: [], configurations: [], businesses: [] };
let selected = null;

async function call(path, body) {
  const res = await fetch('/_sandbox' + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await res.json();
  const log = document.getElementById('log');
  log.textContent = new Date().toLocaleTimeString() + ' ' + path + ' -> ' + JSON.stringify(json) + '\\n' + log.textContent;
  await refresh();
  return json;
}

function shopOf(o) { return (state.businesses.find((b) => b.waba_id === o.waba_id) || {}).name || o.waba_id; }
function phoneOf(waba) { const b = state.businesses.find((x) => x.waba_id === waba); return b ? b.phone_numbers[0].id : ''; }
function chatKey(o) { return o.waba_id + ':' + o.wa_id; }
function chats() {
  const map = new Map();
  const add = (o, at, preview) => {
    const k = chatKey(o);
    if (!map.has(k)) map.set(k, { key: k, wa_id: o.wa_id, waba_id: o.waba_id, shop: shopOf(o), orders: [], entries: [], last: 0, preview: '' });
    const c = map.get(k);
    if (at >= c.last) { c.last = at; c.preview = preview; }
    return c;
  };
  for (const o of state.orders) add(o, Math.max(...o.history.map((h) => h.at)), o.details.body.text).orders.push(o);
  for (const e of state.chat || []) add(e, e.at, e.text || (e.kind === 'cart' ? 'Cart' : e.kind === 'products' ? KIND[e.products.type] : e.kind)).entries.push(e);
  return [...map.values()].sort((a, b) => b.last - a.last);
}

function amountRow(label, a, cls) {
  return a ? '<tr class="' + cls + '"><td>' + esc(label) + (a.description ? ' (' + esc(a.description) + ')' : '') + '</td><td class="r">' + fmt(a.value) + '</td></tr>' : '';
}

function buttons(o) {
  const p = o.details.action.parameters;
  const out = [];
  if (o.settings.includes('offsite_card_pay') && o.status === 'pending' && (o.payment === 'none' || o.payment === 'failed')) {
    const card = p.payment_settings.find((s) => s.type === 'offsite_card_pay').offsite_card_pay;
    out.push('<button data-act="pay" data-ref="' + esc(o.reference_id) + '">Send payment (card &bull;&bull;&bull;&bull; ' + esc(card.last_four_digits) + ')</button>');
  }
  const offsite = ['pix_dynamic_code', 'boleto', 'payment_link'].filter((t) => o.settings.includes(t));
  if (offsite.length && o.status === 'pending' && o.payment !== 'captured' && state.psp_notify_url) {
    out.push('<button data-act="pix" data-ref="' + esc(o.reference_id) + '">Pay with ' + esc(offsite.map((t) => METHOD[t]).join(' / ')) + ' (the PSP notifies the shop)</button>');
  }
  const pg = (p.payment_settings || []).find((s) => s.type === 'payment_gateway');
  if (pg && (state.checkout_endpoints || []).some((e) => e.configuration_name === pg.payment_gateway.configuration_name) && o.status === 'pending' && o.payment !== 'captured') {
    out.push('<button data-act="offers" data-ref="' + esc(o.reference_id) + '">Apply a savings offer</button>');
    for (const c of o.offers || []) out.push('<button data-act="coupon" data-ref="' + esc(o.reference_id) + '" data-code="' + esc(c.code) + '" data-id="' + esc(c.id || '') + '">Use ' + esc(c.code) + (c.description ? ' &middot; ' + esc(c.description) : '') + '</button>');
    if (p.coupon) out.push('<button class="secondary" data-act="uncoupon" data-ref="' + esc(o.reference_id) + '">Remove offer ' + esc(p.coupon.code) + '</button>');
    out.push('<button data-act="ship" data-ref="' + esc(o.reference_id) + '">Deliver to Mumbai 400051</button>');
  }
  if (o.settings.includes('payment_gateway') && o.status === 'pending') {
    out.push('<button data-act="in-captured" data-ref="' + esc(o.reference_id) + '">Pay via gateway (captured)</button>');
    out.push('<button class="secondary" data-act="in-failed" data-ref="' + esc(o.reference_id) + '">Gateway payment fails</button>');
  }
  return out.length ? '<div class="actions">' + out.join('') + '</div>' : '';
}

function orderBubble(o, at) {
  const p = o.details.action.parameters;
  const order = p.order || {};
  const rows = (order.items || []).map((i) => '<tr><td>' + esc(i.quantity) + ' &times; ' + esc(i.name) + '</td><td class="r">' + fmt((i.sale_amount || i.amount).value * i.quantity) + '</td></tr>').join('');
  const coupon = p.coupon ? amountRow('Offer ' + p.coupon.code, p.coupon.discount, 'sum coupon') : '';
  const sums = order.subtotal ? amountRow('Subtotal', order.subtotal, 'sum') + amountRow('Tax', order.tax && order.tax.value ? order.tax : null, 'sum') + amountRow('Shipping', order.shipping, 'sum') + amountRow('Discount', order.discount, 'sum') + coupon : '';
  const t = o.details.template;
  const th = t && t.header;
  const header = th ? (th.format === 'TEXT' ? '<div class="hdr">' + esc(th.text) + '</div>' : '<div class="footer">[' + esc(String(th.format).toLowerCase()) + '] ' + esc(th.link || th.id || 'sample') + '</div>')
    : o.details.header && o.details.header.image && o.details.header.image.link ? '<div class="footer">[image] ' + esc(o.details.header.image.link) + '</div>' : '';
  const tag = t ? '<div class="tpl">template ' + esc(t.name) + ' (' + esc(t.language) + ')</div>' : '';
  const cta = t && t.button ? '<div class="cta">' + esc(t.button) + '</div>' : '';
  const footer = o.details.footer ? '<div class="footer">' + esc(o.details.footer.text) + '</div>' : '';
  const methods = o.settings.map((s) => '<span class="badge">' + esc(METHOD[s] || s) + '</span>').join('');
  const payment = o.payment === 'none' ? '' : '<span class="badge ' + esc(o.payment) + '">payment ' + esc(o.payment) + '</span>';
  return '<div class="bubble in order" data-ref="' + esc(o.reference_id) + '">' + tag + header +
    '<div class="body">' + esc(o.details.body.text) + '</div>' +
    '<div class="card"><div class="title">Order ' + esc(o.reference_id) + '</div><table>' + rows + sums +
    '<tr class="total"><td>Total ' + esc(o.currency) + '</td><td class="r">' + fmt(o.total) + '</td></tr></table>' +
    '<div><span class="badge status status-' + esc(o.status) + '">' + esc(o.status) + '</span>' + payment + methods + '</div></div>' +
    footer + cta + '<span class="time">' + time(at) + '</span>' + buttons(o) + '</div>';
}

// Product messages: the quantities the buyer picked, per message (kept across the page's redraws).
const picks = {};
const KIND = { product: 'Single product', product_list: 'Product list', catalog_message: 'Catalog', carousel: 'Product carousel' };
function catalogOf(waba) { return (state.catalogs || []).find((c) => c.waba_id === waba) || { id: '', products: [] }; }
function productOf(waba, id) { return catalogOf(waba).products.find((p) => p.retailer_id === id) || { retailer_id: id, name: id, price: '', currency: '' }; }
function settingsOf(phone) { return (state.commerce_settings || {})[phone] || { is_cart_enabled: true, is_catalog_visible: false }; }
function productRow(e, id, cart) {
  const p = productOf(e.waba_id, id);
  const qty = (picks[e.id] || {})[id] || 0;
  return '<tr><td>' + esc(p.name) + ' <span class="sku">' + esc(id) + '</span></td><td class="r">' + esc(p.price) + ' ' + esc(p.currency) + '</td>' +
    (cart ? '<td class="r"><input class="qty" type="number" min="0" max="99" value="' + esc(qty) + '" data-wamid="' + esc(e.id) + '" data-sku="' + esc(id) + '" aria-label="Quantity of ' + esc(p.name) + '"></td>' : '') + '</tr>';
}
function productBubble(e) {
  const m = e.products, a = m.action || {};
  const settings = settingsOf(e.phone_number_id);
  const hidden = m.type === 'catalog_message' && !settings.is_catalog_visible;
  const cart = settings.is_cart_enabled && !hidden;
  const dropped = e.dropped || [];
  const rows = (ids) => '<table>' + ids.filter((id) => !dropped.includes(id)).map((id) => productRow(e, id, cart)).join('') + '</table>';
  let list;
  if (m.type === 'product') list = rows([a.product_retailer_id]);
  else if (m.type === 'product_list') list = a.sections.map((s) => (s.title ? '<div class="title">' + esc(s.title) + '</div>' : '') + rows(s.product_items.map((i) => i.product_retailer_id))).join('');
  else if (m.type === 'carousel') list = '<div class="cards">' + a.cards.map((c) => '<div class="card product-card">' + rows([c.action.product_retailer_id]) + '</div>').join('') + '</div>';
  else {
    const thumb = a.parameters && a.parameters.thumbnail_product_retailer_id;
    list = (thumb ? '<div class="footer">[thumbnail] ' + esc(productOf(e.waba_id, thumb).name) + '</div>' : '') + '<div class="title">View catalog</div>' + (hidden ? '<div class="note">Invalid catalog link: the catalog is hidden in the commerce settings (Update Commerce Settings, Catalog Visible: Enabled)</div>' : rows(catalogOf(e.waba_id).products.map((p) => p.retailer_id)));
  }
  const notes = (dropped.length ? '<div class="note">Not in the catalog, left out: ' + esc(dropped.join(', ')) + '</div>' : '') + (!settings.is_cart_enabled ? '<div class="note">Cart disabled in the commerce settings</div>' : '');
  const actions = cart ? '<div class="actions"><button data-act="product-cart" data-wamid="' + esc(e.id) + '" data-phone="' + esc(e.phone_number_id) + '">Send cart</button></div>' : '';
  return '<div class="bubble in order products ' + esc(m.type) + '" data-wamid="' + esc(e.id) + '"><div class="tpl">' + esc(KIND[m.type] || m.type) + '</div>' +
    (e.header ? '<div class="hdr">' + esc(e.header) + '</div>' : '') + (e.text ? '<div class="body">' + esc(e.text) + '</div>' : '') +
    '<div class="card">' + list + '</div>' + notes + (e.footer ? '<div class="footer">' + esc(e.footer) + '</div>' : '') + '<span class="time">' + time(e.at) + '</span>' + actions + '</div>';
}

function chatBubble(e) {
  if (e.kind === 'products') return productBubble(e);
  if (e.kind === 'text') return '<div class="bubble out">' + esc(e.text) + '<span class="time">' + time(e.at) + '</span></div>';
  if (e.kind === 'cart') {
    const rows = e.cart.product_items.map((i) => '<tr><td>' + esc(i.quantity) + ' &times; ' + esc(i.product_retailer_id) + '</td><td class="r">' + esc(i.item_price) + ' ' + esc(i.currency) + '</td></tr>').join('');
    return '<div class="bubble out order cart"><div class="card"><div class="title">Cart from catalog ' + esc(e.cart.catalog_id) + '</div><table>' + rows + '</table></div>' + (e.text ? '<div class="body">' + esc(e.text) + '</div>' : '') + '<span class="time">' + time(e.at) + '</span></div>';
  }
  const head = '<div class="tpl">template ' + esc(e.template) + '</div>' + (e.header ? '<div class="hdr">' + esc(e.header) + '</div>' : '') + '<div class="body">' + esc(e.text) + '</div>' + (e.footer ? '<div class="footer">' + esc(e.footer) + '</div>' : '');
  if (e.kind === 'payment_link') {
    // Enhanced Payment Link: WhatsApp draws the gateway link as a payment card; the amount and the status come from the gateway.
    const l = e.payment_link || {};
    const href = /^https?:[/][/]/.test(l.url || '') ? ' href="' + esc(l.url) + '" target="_blank" rel="noopener noreferrer"' : '';
    const GATEWAY = { razorpay: 'Razorpay', payu: 'PayU', cashfree: 'Cashfree' };
    const card = l.card ? '<div class="card"><div class="title">Payment &middot; ' + esc(GATEWAY[l.gateway] || l.gateway) + '</div><div class="link">' + esc(l.url) + '</div><div class="footer">Amount and status from the gateway</div></div>' : '';
    const cta = '<a class="cta"' + href + '>' + esc(l.card ? 'Pay now' : (e.buttons && e.buttons[0] ? e.buttons[0].text : 'Visit website')) + '</a>';
    return '<div class="bubble in paylink' + (l.card ? ' card-on' : '') + '" data-wamid="' + esc(e.id) + '">' + head + card + cta + '<span class="time">' + time(e.at) + '</span></div>';
  }
  if (e.kind === 'carousel') {
    const cards = e.cards.map((ref) => state.orders.find((o) => o.reference_id === ref && o.waba_id === e.waba_id)).filter(Boolean);
    return '<div class="bubble in carousel" data-wamid="' + esc(e.id) + '">' + head + '<div class="cards">' + cards.map((o) => orderBubble(o, e.at)).join('') + '</div><span class="time">' + time(e.at) + '</span></div>';
  }
  const ctas = (e.buttons || []).map((b) => '<button data-act="copy" data-value="' + esc(b.value) + '">' + esc(b.text) + '</button>').join('');
  return '<div class="bubble in payment-request" data-wamid="' + esc(e.id) + '">' + head + '<span class="time">' + time(e.at) + '</span><div class="actions">' + ctas + '</div></div>';
}

function entry(o, h) {
  if (h.kind === 'order_details') return orderBubble(o, h.at);
  if (h.kind === 'order_status') {
    // As WhatsApp shows it: the text the shop sent, then the order's new status and payment under it.
    const state = [h.status ? 'Order ' + esc(o.reference_id) + ': <b>' + esc(String(h.status).replace(/_/g, ' ')) + '</b>' : '', h.payment ? 'Payment ' + esc(h.payment) : '', h.description ? esc(h.description) : ''].filter(Boolean).join('<br>');
    const tag = h.template ? '<div class="tpl">template ' + esc(h.template) + '</div>' : '';
    const body = h.text ? '<div class="body">' + esc(h.text) + '</div>' : '';
    const footer = h.footer ? '<div class="footer">' + esc(h.footer) + '</div>' : '';
    return '<div class="bubble in status" data-ref="' + esc(o.reference_id) + '">' + tag + body + '<div class="state">' + state + '</div>' + footer + '<span class="time">' + time(h.at) + '</span></div>';
  }
  if (h.kind === 'payment_method') {
    const card = (o.details.action.parameters.payment_settings || []).find((s) => s.type === 'offsite_card_pay');
    return '<div class="bubble out">Payment sent for ' + esc(o.reference_id) + (card ? ' with card &bull;&bull;&bull;&bull; ' + esc(card.offsite_card_pay.last_four_digits) : '') + ' &#10003;&#10003;<span class="time">' + time(h.at) + '</span></div>';
  }
  if (h.kind === 'checkout') return '<div class="system checkout">Checkout ' + esc(o.reference_id) + ': ' + esc(h.description) + ' &middot; ' + time(h.at) + '</div>';
  return '<div class="system">' + esc(h.kind === 'refund' ? h.payment : 'Payment ' + h.payment) + ' &middot; ' + esc(o.reference_id) + ' &middot; ' + time(h.at) + '</div>';
}

// A sample buyer number in the shop's country (by the calling code of the shop's own number).
const SAMPLE_BUYER = { '55': '5511900090000', '91': '919000090000' };
function sampleBuyer(waba) {
  const b = state.businesses.find((x) => x.waba_id === waba);
  const digits = b && b.phone_numbers[0] ? String(b.phone_numbers[0].display_phone_number).replace(/\\D/g, '') : '';
  const code = Object.keys(SAMPLE_BUYER).find((c) => digits.startsWith(c));
  return code ? SAMPLE_BUYER[code] : '';
}
// The number last put in the new-buyer box by the page (a number the user typed is kept).
let prefilled = '';
function prefillBuyer() {
  const box = document.getElementById('new-buyer');
  const sample = sampleBuyer(document.getElementById('new-shop').value);
  if (sample && (box.value === '' || box.value === prefilled)) { box.value = sample; prefilled = sample; }
}
function renderTools() {
  const shops = document.getElementById('new-shop');
  if (shops && shops.options.length !== state.businesses.length) {
    shops.innerHTML = state.businesses.map((b) => '<option value="' + esc(b.waba_id) + '">' + esc(b.name) + '</option>').join('');
    prefillBuyer();
  }
}

function render() {
  renderTools();
  const list = chats();
  if (!selected || !list.some((c) => c.key === selected)) selected = list.length ? list[0].key : null;
  document.getElementById('chats').innerHTML = list.length ? list.map((c) => {
    return '<div class="chat' + (c.key === selected ? ' active' : '') + '" data-chat="' + esc(c.key) + '"><div class="avatar">' + esc(c.wa_id.slice(-2)) + '</div><div><div class="who">+' + esc(c.wa_id) + '</div><div class="preview">' + esc(c.shop) + ' &middot; ' + esc(c.preview) + '</div></div></div>';
  }).join('') : '<div class="empty">No conversations yet.</div>';
  const pending = (state.templates || []).filter((t) => t.status === 'PENDING');
  document.getElementById('review').innerHTML = pending.length ? '<h3>Templates waiting for review</h3>' + pending.map((t) =>
    '<div>' + esc(t.name) + ' (' + esc(t.language) + ') <button data-act="approve" data-id="' + esc(t.id) + '">Approve</button> <button data-act="reject" data-id="' + esc(t.id) + '">Reject</button></div>').join('') : '';
  document.getElementById('configs').innerHTML = state.configurations.length ? '<h3>Payment configurations</h3>' + state.configurations.map((c) =>
    '<div>' + esc(c.configuration_name) + ' (' + esc(c.provider_name) + ') <span class="badge">' + esc(c.status) + '</span>' +
    (c.status !== 'Active' ? ' <button data-act="advance" data-name="' + esc(c.configuration_name) + '">Advance status</button>' : '') + '</div>').join('') : '';
  const chat = list.find((c) => c.key === selected);
  const conv = document.getElementById('conversation');
  if (!chat) {
    conv.innerHTML = '<div class="empty">No orders yet. Send an order_details message to this sandbox and it appears here as the buyer sees it.</div>';
    return;
  }
  const timeline = chat.orders.flatMap((o) => o.history.filter((h) => !h.carousel).map((h, n) => ({ at: h.at, n, html: () => entry(o, h) })))
    .concat(chat.entries.map((e, n) => ({ at: e.at, n: 1000 + n, html: () => chatBubble(e) })))
    .sort((a, b) => a.at - b.at || a.n - b.n);
  const box = conv.querySelector('.messages');
  const atBottom = !box || box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  // The page redraws every 2 s: what the user is typing stays, and so does the focus.
  const say = document.getElementById('say');
  const typing = say ? { value: say.value, focused: document.activeElement === say } : { value: 'Paguei!', focused: false };
  const active = document.activeElement;
  const qty = active && active.dataset && active.dataset.sku ? { wamid: active.dataset.wamid, sku: active.dataset.sku } : null;
  conv.innerHTML = '<div class="top"><div class="avatar">' + esc(chat.wa_id.slice(-2)) + '</div><div><div class="who">' + esc(chat.shop) + '</div><div class="sub">chat with buyer +' + esc(chat.wa_id) + '</div></div></div>' +
    '<div class="tools"><span class="field"><label for="say">Message as the buyer</label><input id="say" value="' + esc(typing.value) + '"></span><button data-act="say">Send as buyer</button><button data-act="cart">Send a cart</button></div>' +
    '<div class="messages">' + timeline.map((t) => t.html()).join('') + '</div>';
  const messages = conv.querySelector('.messages');
  if (atBottom) messages.scrollTop = messages.scrollHeight;
  if (typing.focused) document.getElementById('say').focus();
  if (qty) { const box = [...conv.querySelectorAll('input.qty')].find((i) => i.dataset.wamid === qty.wamid && i.dataset.sku === qty.sku); if (box) box.focus(); }
}

async function refresh() {
  state = await (await fetch('/_sandbox/state')).json();
  render();
}
document.addEventListener('click', (e) => {
  const chat = e.target.closest('[data-chat]');
  if (chat) { selected = chat.dataset.chat; render(); return; }
  const b = e.target.closest('button'); if (!b) return;
  const act = b.dataset.act, ref = b.dataset.ref;
  if (act === 'pay') call('/buyer/send-payment', { reference_id: ref });
  if (act === 'in-captured') call('/buyer/india-payment', { reference_id: ref, outcome: 'captured' });
  if (act === 'in-failed') call('/buyer/india-payment', { reference_id: ref, outcome: 'failed' });
  if (act === 'pix') call('/psp/pix-confirm', { reference_id: ref });
  if (act === 'advance') call('/configurations/advance', { configuration_name: b.dataset.name });
  if (act === 'offers') call('/buyer/checkout', { reference_id: ref, action: 'get_coupons' });
  if (act === 'coupon') call('/buyer/checkout', b.dataset.id ? { reference_id: ref, action: 'apply_coupon', code: b.dataset.code, id: b.dataset.id } : { reference_id: ref, action: 'apply_coupon', code: b.dataset.code });
  if (act === 'uncoupon') call('/buyer/checkout', { reference_id: ref, action: 'remove_coupon' });
  if (act === 'ship') call('/buyer/checkout', { reference_id: ref, action: 'apply_shipping' });
  if (act === 'approve' || act === 'reject') call('/templates/review', { id: b.dataset.id, status: act === 'approve' ? 'APPROVED' : 'REJECTED' });
  if (act === 'copy') { navigator.clipboard && navigator.clipboard.writeText(b.dataset.value).catch(() => {}); document.getElementById('log').textContent = 'copied ' + b.dataset.value + '\\n' + document.getElementById('log').textContent; }
  const open = chats().find((c) => c.key === selected);
  if (act === 'say' && open) call('/buyer/message', { wa_id: open.wa_id, phone_number_id: phoneOf(open.waba_id), text: document.getElementById('say').value });
  if (act === 'product-cart' && open) {
    const chosen = Object.entries(picks[b.dataset.wamid] || {}).filter(([, q]) => q > 0).map(([id, q]) => ({ retailer_id: id, quantity: q }));
    call('/buyer/cart', { wa_id: open.wa_id, phone_number_id: b.dataset.phone, message_id: b.dataset.wamid, items: chosen }).then(() => { delete picks[b.dataset.wamid]; render(); });
  }
  if (act === 'cart' && open) call('/buyer/cart', { wa_id: open.wa_id, phone_number_id: phoneOf(open.waba_id) });
  if (act === 'new-cart') {
    const waba = document.getElementById('new-shop').value;
    call('/buyer/cart', { wa_id: document.getElementById('new-buyer').value.replace(/\\D/g, ''), phone_number_id: phoneOf(waba) }).then(() => { selected = waba + ':' + document.getElementById('new-buyer').value.replace(/\\D/g, ''); render(); });
  }
});
document.addEventListener('change', (e) => { if (e.target.id === 'new-shop') prefillBuyer(); });
document.addEventListener('input', (e) => {
  const q = e.target.dataset && e.target.dataset.sku;
  if (!q) return;
  (picks[e.target.dataset.wamid] = picks[e.target.dataset.wamid] || {})[q] = Math.max(0, Math.floor(Number(e.target.value) || 0));
});
refresh(); setInterval(refresh, 2000);
`;

export function buyerPage(): string {
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>WhatsApp Payments Sandbox - Buyer simulator</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>WhatsApp Payments Sandbox &mdash; buyer simulator</h1><p>Each buyer's chat with the shop, as WhatsApp shows it. Buttons act as the buyer (or Meta, or the PSP) would; each sends a signed webhook to the subscribed callback.</p></header>
<div class="app">
<aside><div class="tools"><span class="field"><label for="new-buyer">New buyer's number</label><input id="new-buyer" size="14" inputmode="tel" placeholder="country code + number"></span><span class="field"><label for="new-shop">Shop</label><select id="new-shop"></select></span><button data-act="new-cart">Buyer sends a cart</button></div><div id="chats"><div class="empty">Loading...</div></div><div class="configs" id="review"></div><div class="configs" id="configs"></div></aside>
<section class="conversation" id="conversation"></section>
</div>
<details id="debug"><summary>Debug: the control API's raw answers</summary><div id="log"></div></details>
<script>${SCRIPT}</script>
</body>
</html>`;
}
