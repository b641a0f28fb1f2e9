/**
 * The buyer simulator page: each buyer's conversation with a shop, drawn as a WhatsApp chat. Orders are
 * bubbles with their items, total and buttons; status updates, payments and refunds follow as messages.
 * The buttons do what a buyer (or Meta, or the PSP) would, through the sandbox's control API.
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
 .order .footer { font-size: 12px; color: #667781; }
 .badge { display: inline-block; padding: 1px 7px; border-radius: 10px; font-size: 11px; margin: 2px 3px 0 0; background: #e9edef; }
 .badge.captured, .badge.status-completed { background: #25d366; color: #fff; } .badge.failed, .badge.status-canceled { background: #ea0038; color: #fff; } .badge.pending { background: #ffd279; }
 .actions { border-top: 1px solid #e9edef; margin: 6px -9px -12px; display: flex; flex-direction: column; }
 .actions button { background: none; border: 0; border-top: 1px solid #f0f2f5; color: #027eb5; font-size: 14px; padding: 8px; cursor: pointer; }
 .actions button:first-child { border-top: 0; }
 .actions button.secondary { color: #667781; }
 .empty { padding: 40px; color: #667781; text-align: center; }
 #log { font-family: ui-monospace, monospace; font-size: 11px; padding: 4px 16px; max-height: 80px; overflow-y: auto; white-space: pre-wrap; background: #f0f2f5; border-top: 1px solid #e9edef; }
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
function chatKey(o) { return o.waba_id + ':' + o.wa_id; }
function chats() {
  const map = new Map();
  for (const o of state.orders) {
    const k = chatKey(o);
    if (!map.has(k)) map.set(k, { key: k, wa_id: o.wa_id, shop: shopOf(o), orders: [], last: 0 });
    const c = map.get(k);
    c.orders.push(o);
    c.last = Math.max(c.last, ...o.history.map((h) => h.at));
  }
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
  const sums = order.subtotal ? amountRow('Subtotal', order.subtotal, 'sum') + amountRow('Tax', order.tax && order.tax.value ? order.tax : null, 'sum') + amountRow('Shipping', order.shipping, 'sum') + amountRow('Discount', order.discount, 'sum') : '';
  const header = o.details.header && o.details.header.image && o.details.header.image.link ? '<div class="footer">[image] ' + esc(o.details.header.image.link) + '</div>' : '';
  const footer = o.details.footer ? '<div class="footer">' + esc(o.details.footer.text) + '</div>' : '';
  const methods = o.settings.map((s) => '<span class="badge">' + esc(METHOD[s] || s) + '</span>').join('');
  const payment = o.payment === 'none' ? '' : '<span class="badge ' + esc(o.payment) + '">payment ' + esc(o.payment) + '</span>';
  return '<div class="bubble in order" data-ref="' + esc(o.reference_id) + '">' + header +
    '<div class="body">' + esc(o.details.body.text) + '</div>' +
    '<div class="card"><div class="title">Order ' + esc(o.reference_id) + '</div><table>' + rows + sums +
    '<tr class="total"><td>Total ' + esc(o.currency) + '</td><td class="r">' + fmt(o.total) + '</td></tr></table>' +
    '<div><span class="badge status status-' + esc(o.status) + '">' + esc(o.status) + '</span>' + payment + methods + '</div></div>' +
    footer + '<span class="time">' + time(at) + '</span>' + buttons(o) + '</div>';
}

function entry(o, h) {
  if (h.kind === 'order_details') return orderBubble(o, h.at);
  if (h.kind === 'order_status') {
    const text = [h.status ? 'Order ' + esc(o.reference_id) + ': <b>' + esc(String(h.status).replace(/_/g, ' ')) + '</b>' : '', h.payment ? 'Payment ' + esc(h.payment) : '', h.description ? esc(h.description) : ''].filter(Boolean).join('<br>');
    return '<div class="bubble in status">' + text + '<span class="time">' + time(h.at) + '</span></div>';
  }
  if (h.kind === 'payment_method') {
    const card = (o.details.action.parameters.payment_settings || []).find((s) => s.type === 'offsite_card_pay');
    return '<div class="bubble out">Payment sent for ' + esc(o.reference_id) + (card ? ' with card &bull;&bull;&bull;&bull; ' + esc(card.offsite_card_pay.last_four_digits) : '') + ' &#10003;&#10003;<span class="time">' + time(h.at) + '</span></div>';
  }
  return '<div class="system">' + esc(h.kind === 'refund' ? h.payment : 'Payment ' + h.payment) + ' &middot; ' + esc(o.reference_id) + ' &middot; ' + time(h.at) + '</div>';
}

function render() {
  const list = chats();
  if (!selected || !list.some((c) => c.key === selected)) selected = list.length ? list[0].key : null;
  document.getElementById('chats').innerHTML = list.length ? list.map((c) => {
    const last = c.orders[c.orders.length - 1];
    return '<div class="chat' + (c.key === selected ? ' active' : '') + '" data-chat="' + esc(c.key) + '"><div class="avatar">' + esc(c.wa_id.slice(-2)) + '</div><div><div class="who">+' + esc(c.wa_id) + '</div><div class="preview">' + esc(c.shop) + ' &middot; ' + esc(last.details.body.text) + '</div></div></div>';
  }).join('') : '<div class="empty">No conversations yet.</div>';
  document.getElementById('configs').innerHTML = state.configurations.length ? '<h3>Payment configurations</h3>' + state.configurations.map((c) =>
    '<div>' + esc(c.configuration_name) + ' (' + esc(c.provider_name) + ') <span class="badge">' + esc(c.status) + '</span>' +
    (c.status !== 'Active' ? ' <button data-act="advance" data-name="' + esc(c.configuration_name) + '">Advance status</button>' : '') + '</div>').join('') : '';
  const chat = list.find((c) => c.key === selected);
  const conv = document.getElementById('conversation');
  if (!chat) {
    conv.innerHTML = '<div class="empty">No orders yet. Send an order_details message to this sandbox and it appears here as the buyer sees it.</div>';
    return;
  }
  const timeline = chat.orders.flatMap((o) => o.history.map((h, n) => ({ o, h, n }))).sort((a, b) => a.h.at - b.h.at || a.n - b.n);
  const box = conv.querySelector('.messages');
  const atBottom = !box || box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  conv.innerHTML = '<div class="top"><div class="avatar">' + esc(chat.wa_id.slice(-2)) + '</div><div><div class="who">' + esc(chat.shop) + '</div><div class="sub">chat with buyer +' + esc(chat.wa_id) + '</div></div></div>' +
    '<div class="messages">' + timeline.map((t) => entry(t.o, t.h)).join('') + '</div>';
  const messages = conv.querySelector('.messages');
  if (atBottom) messages.scrollTop = messages.scrollHeight;
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
<aside><div id="chats"><div class="empty">Loading...</div></div><div class="configs" id="configs"></div></aside>
<section class="conversation" id="conversation"></section>
</div>
<div id="log"></div>
<script>${SCRIPT}</script>
</body>
</html>`;
}
