/** The buyer simulator: a plain page listing each buyer's orders with the buttons a buyer or Meta would press. */
export function buyerPage(): string {
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>WhatsApp Payments Sandbox - Buyer simulator</title>
<style>
 body { font-family: system-ui, sans-serif; margin: 0; background: #efeae2; color: #111b21; }
 header { background: #075e54; color: #fff; padding: 12px 20px; }
 header h1 { font-size: 18px; margin: 0; }
 header p { margin: 4px 0 0; font-size: 13px; opacity: .85; }
 main { padding: 16px 20px; display: grid; gap: 16px; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); }
 .order { background: #fff; border-radius: 8px; padding: 12px 14px; box-shadow: 0 1px 2px rgba(0,0,0,.15); }
 .order h2 { font-size: 15px; margin: 0 0 4px; }
 .meta { font-size: 12px; color: #667781; }
 table { width: 100%; font-size: 13px; border-collapse: collapse; margin: 8px 0; }
 td { padding: 2px 0; } td.r { text-align: right; }
 .total td { font-weight: 600; border-top: 1px solid #ddd; }
 .badge { display: inline-block; padding: 2px 8px; border-radius: 10px; font-size: 12px; margin-right: 4px; background: #e9edef; }
 .badge.captured { background: #25d366; color: #fff; } .badge.failed { background: #ea0038; color: #fff; } .badge.pending { background: #ffd279; }
 button { margin: 4px 4px 0 0; padding: 6px 10px; border: 0; border-radius: 16px; background: #008069; color: #fff; cursor: pointer; font-size: 13px; }
 button.secondary { background: #54656f; }
 .empty { padding: 20px; color: #667781; }
 #log { font-family: ui-monospace, monospace; font-size: 12px; padding: 0 20px 20px; white-space: pre-wrap; }
 section.configs { padding: 0 20px 10px; font-size: 13px; }
</style>
</head>
<body>
<header><h1>WhatsApp Payments Sandbox &mdash; buyer simulator</h1><p>Orders sent to the sandbox appear here. Buttons act as the buyer (or Meta) would; each sends a signed webhook to the subscribed callback.</p></header>
<main id="orders"><div class="empty">Loading...</div></main>
<section class="configs" id="configs"></section>
<div id="log"></div>
<script>
const fmt = (v) => (v / 100).toFixed(2);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
async function call(path, body) {
  const res = await fetch('/_sandbox' + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await res.json();
  document.getElementById('log').textContent = new Date().toLocaleTimeString() + ' ' + path + ' -> ' + JSON.stringify(json) + '\\n' + document.getElementById('log').textContent;
  await refresh();
  return json;
}
let state = {};
function orderCard(o) {
  const p = o.details.action.parameters;
  const items = (p.order && p.order.items) || [];
  const rows = items.map((i) => '<tr><td>' + esc(i.quantity) + ' &times; ' + esc(i.name) + '</td><td class="r">' + fmt((i.sale_amount || i.amount).value * i.quantity) + '</td></tr>').join('');
  const settings = (p.payment_settings || []).map((s) => '<span class="badge">' + esc(s.type) + '</span>').join('');
  const buttons = [];
  if (o.settings.includes('offsite_card_pay') && o.status === 'pending' && (o.payment === 'none' || o.payment === 'failed')) {
    const card = p.payment_settings.find((s) => s.type === 'offsite_card_pay').offsite_card_pay;
    buttons.push('<button data-act="pay" data-ref="' + esc(o.reference_id) + '">Send payment (card &bull;&bull;&bull;&bull; ' + esc(card.last_four_digits) + ')</button>');
  }
  const offsite = ['pix_dynamic_code', 'boleto', 'payment_link'].filter((t) => o.settings.includes(t));
  if (offsite.length && o.status === 'pending' && o.payment !== 'captured' && state.psp_notify_url) {
    buttons.push('<button data-act="pix" data-ref="' + esc(o.reference_id) + '">Pay with ' + esc(offsite.map((t) => t === 'pix_dynamic_code' ? 'Pix' : t === 'boleto' ? 'Boleto' : 'link').join(' / ')) + ' (PSP notifies the shop)</button>');
  }
  if (o.settings.includes('payment_gateway') && o.status === 'pending') {
    buttons.push('<button data-act="in-captured" data-ref="' + esc(o.reference_id) + '">Pay via gateway (captured)</button>');
    buttons.push('<button class="secondary" data-act="in-failed" data-ref="' + esc(o.reference_id) + '">Gateway payment fails</button>');
  }
  const payment = o.payment === 'none' ? '' : '<span class="badge ' + esc(o.payment) + '">payment ' + esc(o.payment) + '</span>';
  return '<div class="order" data-ref="' + esc(o.reference_id) + '"><h2>' + esc(o.details.body.text) + '</h2>' +
    '<div class="meta">to ' + esc(o.wa_id) + ' &middot; ref ' + esc(o.reference_id) + ' &middot; ' + esc(o.country) + '</div>' +
    '<table>' + rows + '<tr class="total"><td>Total ' + esc(o.currency) + '</td><td class="r">' + fmt(o.total) + '</td></tr></table>' +
    '<div><span class="badge status">' + esc(o.status) + '</span>' + payment + settings + '</div>' +
    '<div>' + buttons.join('') + '</div></div>';
}
async function refresh() {
  state = await (await fetch('/_sandbox/state')).json();
  const el = document.getElementById('orders');
  el.innerHTML = state.orders.length ? state.orders.slice().reverse().map(orderCard).join('') : '<div class="empty">No orders yet. Send an order_details message to this sandbox.</div>';
  document.getElementById('configs').innerHTML = state.configurations.length ? '<h3>Payment configurations</h3>' + state.configurations.map((c) =>
    '<div>' + esc(c.configuration_name) + ' (' + esc(c.provider_name) + ') <span class="badge">' + esc(c.status) + '</span>' +
    (c.status !== 'Active' ? ' <button data-act="advance" data-name="' + esc(c.configuration_name) + '">Advance status</button>' : '') + '</div>').join('') : '';
}
document.addEventListener('click', (e) => {
  const b = e.target.closest('button'); if (!b) return;
  const act = b.dataset.act, ref = b.dataset.ref;
  if (act === 'pay') call('/buyer/send-payment', { reference_id: ref });
  if (act === 'in-captured') call('/buyer/india-payment', { reference_id: ref, outcome: 'captured' });
  if (act === 'in-failed') call('/buyer/india-payment', { reference_id: ref, outcome: 'failed' });
  if (act === 'pix') call('/psp/pix-confirm', { reference_id: ref });
  if (act === 'advance') call('/configurations/advance', { configuration_name: b.dataset.name });
});
refresh(); setInterval(refresh, 2000);
</script>
</body>
</html>`;
}
