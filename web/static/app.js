// tradedocs serve: the page's behaviour. Plain JavaScript, no library, no
// inline script (the Content-Security-Policy forbids it). Every text from a
// workbook is put in the page with textContent, never as HTML.
"use strict";

const TEXT = {
  en: {
    subtitle: "PI, CI, packing list and wire memo from your order workbook",
    template: "Download the blank order workbook",
    drop: "Drop .xlsx or .csv order files here (or a .zip of a workbook with its logo and chop images)",
    choose: "Choose files",
    limit: "Up to",
    private: "Files stay on this computer: nothing is sent anywhere else.",
    orders: "Orders",
    download_all: "Download everything (.zip with manifest)",
    order_no: "Order", status: "Status", currency: "Currency", total: "Total", deposit: "Deposit", balance: "Balance",
    ready: "ready", warnings: "warnings", errors: "errors",
    words_title: "Amount in words", convert: "Convert",
    footer: "tradedocs runs on this computer; the documents are the same files as `tradedocs generate` writes.",
    checking: "Checking {n} file(s)…",
    summary: "{files} file(s), {orders} order(s): {errors} error(s), {warnings} warning(s)",
    failed: "The server refused the upload: {msg}",
    file_problems: "Problems of the files",
    problems: "Problems",
    no_problems: "No problem found.",
    error: "error", warning: "warning",
    preview: "Preview", show: "Details",
    memo_title: "Wire memo",
    beneficiary: "Beneficiary details",
    remittance: "Remittance lines (MT103 field 70)",
    copy: "Copy", copied: "Copied",
    in_words: "Total in words",
    downloads: "Download",
    order_zip: "This order's documents (.zip)",
    not_issued: "No documents: fix the problems above, then drop the file again.",
  },
  zh: {
    subtitle: "根据订单工作簿生成形式发票、商业发票、装箱单和汇款附言",
    template: "下载空白订单模板",
    drop: "把 .xlsx 或 .csv 订单文件拖到这里（或把工作簿连同标志、公章图片打包成 .zip）",
    choose: "选择文件",
    limit: "最大",
    private: "文件只在本机处理，不会发送到任何其他地方。",
    orders: "订单",
    download_all: "全部下载（含清单的 .zip）",
    order_no: "订单号", status: "状态", currency: "币种", total: "总额", deposit: "定金", balance: "尾款",
    ready: "可生成", warnings: "有提醒", errors: "有错误",
    words_title: "金额大写", convert: "转换",
    footer: "tradedocs 在本机运行；下载的文件与 `tradedocs generate` 生成的文件完全相同。",
    checking: "正在检查 {n} 个文件…",
    summary: "{files} 个文件，{orders} 个订单：{errors} 个错误，{warnings} 个提醒",
    failed: "服务器拒绝了上传：{msg}",
    file_problems: "文件问题",
    problems: "问题",
    no_problems: "没有发现问题。",
    error: "错误", warning: "提醒",
    preview: "预览", show: "详情",
    memo_title: "汇款附言",
    beneficiary: "收款人信息",
    remittance: "汇款附言行（MT103 第 70 栏）",
    copy: "复制", copied: "已复制",
    in_words: "总额大写",
    downloads: "下载",
    order_zip: "本订单全部文件（.zip）",
    not_issued: "未生成文件：请先改正上面的问题，再重新拖入文件。",
  },
};

const LANG_KEY = "tradedocs.lang";
let lang = localStorage.getItem(LANG_KEY) || ((navigator.language || "").toLowerCase().startsWith("zh") ? "zh" : "en");
let last = null; // the last answer of /ui/run, redrawn when the language changes

function t(key, vars) {
  let s = (TEXT[lang] && TEXT[lang][key]) || TEXT.en[key] || key;
  for (const k in vars || {}) s = s.split("{" + k + "}").join(String(vars[k]));
  return s;
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const k in attrs || {}) {
    if (k === "class") e.className = attrs[k];
    else if (k === "text") e.textContent = attrs[k];
    else e.setAttribute(k, attrs[k]);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

function applyLang() {
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  document.querySelectorAll("[data-i18n]").forEach((n) => { n.textContent = t(n.dataset.i18n); });
  document.getElementById("lang").textContent = lang === "zh" ? "English" : "中文";
  if (last) draw(last);
}

function setStatus(msg, isError) {
  const s = document.getElementById("status");
  s.textContent = msg;
  s.className = isError ? "error" : "";
}

async function upload(files) {
  if (!files.length) return;
  const form = new FormData();
  for (const f of files) form.append("file", f, f.name);
  setStatus(t("checking", { n: files.length }));
  let res;
  try {
    res = await fetch("/ui/run", { method: "POST", body: form, credentials: "same-origin" });
  } catch (e) {
    setStatus(t("failed", { msg: e.message }), true);
    return;
  }
  const body = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) {
    setStatus(t("failed", { msg: body.error || res.status }), true);
    return;
  }
  last = body;
  draw(body);
}

function problemList(problems) {
  const ul = el("ul", { class: "problems" });
  for (const p of problems) {
    ul.append(el("li", { class: p.severity },
      el("span", { class: "where", text: p.where }), " ",
      el("span", { class: "sev", text: t(p.severity) + ":" }), " ",
      el("span", { class: "msg", text: p.message })));
  }
  return ul;
}

function copyButton(text) {
  const b = el("button", { type: "button", class: "copy light", text: t("copy") });
  b.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch (e) {
      const ta = el("textarea");
      ta.value = text;
      document.body.append(ta);
      ta.select();
      document.execCommand("copy");
      ta.remove();
    }
    const done = el("span", { class: "copied", text: t("copied") });
    b.after(done);
    setTimeout(() => done.remove(), 1500);
  });
  return b;
}

function draw(run) {
  const rep = run.report;
  document.getElementById("results").hidden = false;
  setStatus(t("summary", { files: rep.files, orders: rep.orders.length, errors: rep.errors, warnings: rep.warnings }), rep.status === "errors");
  const all = document.getElementById("all-zip");
  all.href = "/ui/zip/" + run.token;
  all.hidden = run.orders.length === 0;
  const issued = {};
  for (const po of run.orders) issued[po.index] = po;

  const tbody = document.querySelector("#orders tbody");
  tbody.replaceChildren();
  const details = document.getElementById("details");
  details.replaceChildren();
  rep.orders.forEach((o, i) => {
    const id = "order-" + i;
    const link = el("a", { href: "#" + id, text: t("show") });
    tbody.append(el("tr", { "data-order": o.order_no },
      el("td", { text: o.order_no || "—" }),
      el("td", {}, el("span", { class: "badge " + o.status, text: t(o.status) })),
      el("td", { text: o.currency || "" }),
      el("td", { class: "num", text: o.total || "" }),
      el("td", { class: "num", text: o.deposit ? o.deposit + " (" + o.deposit_percent + "%)" : "" }),
      el("td", { class: "num", text: o.balance || "" }),
      el("td", {}, link)));
    details.append(orderCard(o, issued[i], id));
  });

  const fp = document.getElementById("file-problems");
  fp.replaceChildren();
  if (rep.problems.length) {
    fp.append(el("div", { class: "card" }, el("h2", { text: t("file_problems") }), problemList(rep.problems)));
  }
}

function orderCard(o, po, id) {
  const card = el("section", { class: "card order", id: id, "data-order": o.order_no });
  card.append(el("h2", {}, (o.order_no || "—") + " ", el("span", { class: "badge " + o.status, text: t(o.status) })));
  card.append(el("h3", { text: t("problems") }));
  card.append(o.problems.length ? problemList(o.problems) : el("p", { text: t("no_problems") }));
  if (!po) {
    card.append(el("p", { class: "hint", text: t("not_issued") }));
    return card;
  }
  // Downloads: each document, and the order's zip.
  const dl = el("div", { class: "downloads" });
  for (const f of po.files) dl.append(el("a", { href: f.url + "?download=1", download: f.file, class: "button light", text: f.file }));
  dl.append(el("a", { href: po.zip, download: "", class: "button", text: t("order_zip") }));
  card.append(el("h3", { text: t("downloads") }), dl);

  // Preview of the PDFs, one at a time.
  // The PI first: it is the document the buyer sees first.
  const pdfs = po.files.filter((f) => f.kind !== "memo").sort((a, b) => (a.kind === "PI" ? 0 : 1) - (b.kind === "PI" ? 0 : 1));
  if (pdfs.length) {
    const frame = el("iframe", { class: "preview", title: t("preview") });
    const tabs = el("div", { class: "tabs" });
    const show = (f, b) => {
      frame.src = f.url;
      tabs.querySelectorAll("button").forEach((x) => x.classList.toggle("on", x === b));
    };
    pdfs.forEach((f) => {
      const b = el("button", { type: "button", class: "preview-tab", "data-kind": f.kind, text: t("preview") + " " + f.kind });
      b.addEventListener("click", () => show(f, b));
      tabs.append(b);
    });
    card.append(el("h3", { text: t("preview") }), tabs, frame);
    show(pdfs[0], tabs.querySelector("button"));
  }

  // The wire memo: each payment's beneficiary block and remittance lines.
  const pay = el("div", { class: "payments" });
  for (const p of po.payments || []) {
    const ben = p.beneficiary.join("\n");
    const rem = p.remittance.join("\n");
    pay.append(el("div", { class: "payment" },
      el("h3", { text: p.title }),
      el("div", {}, el("strong", { text: t("beneficiary") }), " ", copyButton(ben)), el("pre", { text: ben }),
      el("div", {}, el("strong", { text: t("remittance") }), " ", copyButton(rem)), el("pre", { class: "remittance", text: rem })));
  }
  card.append(el("h3", { text: t("memo_title") }), pay);
  card.append(el("h3", { text: t("in_words") }),
    el("p", { class: "words", text: po.words_en }), el("p", { class: "words", text: po.words_zh }));
  return card;
}

async function words(ev) {
  ev.preventDefault();
  const q = new URLSearchParams({ amount: document.getElementById("words-amount").value, currency: document.getElementById("words-currency").value });
  const res = await fetch("/api/words?" + q.toString());
  const body = await res.json().catch(() => ({ error: res.statusText }));
  document.getElementById("words-en").textContent = res.ok ? body.en : body.error;
  document.getElementById("words-zh").textContent = res.ok ? body.zh : "";
}

document.addEventListener("DOMContentLoaded", () => {
  applyLang();
  document.getElementById("lang").addEventListener("click", () => {
    lang = lang === "zh" ? "en" : "zh";
    localStorage.setItem(LANG_KEY, lang);
    applyLang();
  });
  const input = document.getElementById("files");
  input.addEventListener("change", () => { upload(Array.from(input.files)); input.value = ""; });
  const drop = document.getElementById("drop");
  ["dragenter", "dragover"].forEach((n) => drop.addEventListener(n, (e) => { e.preventDefault(); drop.classList.add("over"); }));
  ["dragleave", "drop"].forEach((n) => drop.addEventListener(n, (e) => { e.preventDefault(); drop.classList.remove("over"); }));
  drop.addEventListener("drop", (e) => upload(Array.from(e.dataTransfer.files)));
  document.getElementById("words-form").addEventListener("submit", words);
});
