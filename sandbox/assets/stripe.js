// @ts-check
/*! The Kassa sandbox's stand-in for Stripe.js: the part of Stripe.js's public API Kassa
 *  calls, so a checkout can be paid offline exactly as it is paid on Polar, with Stripe's
 *  documented test cards. Served by the sandbox at /sandbox/stripe.js; never used with a
 *  real publishable key. Type-checked against @stripe/stripe-js (the test command).
 *
 *  Stripe(publishableKey, {locale}) → elements(options) → create("payment", options)
 *  → mount / unmount / destroy / on("change") / update; elements.update / submit;
 *  stripe.createConfirmationToken({elements, params}); stripe.handleNextAction({clientSecret}).
 *
 *  4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined, 4000 0027 6000 3184 asks for
 *  authentication (a dialog to complete or fail it); any other valid number pays. */
(function () {
  "use strict";
  if (window.Stripe) return; // loaded twice: the first one stays

  /** The sandbox this script came from: its processor endpoints. */
  const script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  const ORIGIN = script ? new URL(script.src).origin : location.origin;

  /** @typedef {{card: string, expiry: string, cvc: string, expiryPlaceholder: string, incompleteNumber: string,
   *   invalidNumber: string, incompleteExpiry: string, pastExpiry: string, incompleteCvc: string, testMode: string,
   *   authTitle: string, authBody: string, complete: string, fail: string}} Texts */
  /** @type {Record<string, Texts>} Stripe's own wording, in the languages Kassa speaks. */
  const TEXTS = {
    en: { card: "Card number", expiry: "Expiration date", cvc: "Security code", expiryPlaceholder: "MM / YY",
      incompleteNumber: "Your card number is incomplete.", invalidNumber: "Your card number is invalid.",
      incompleteExpiry: "Your card's expiration date is incomplete.", pastExpiry: "Your card's expiration year is in the past.",
      incompleteCvc: "Your card's security code is incomplete.", testMode: "Test mode: use 4242 4242 4242 4242",
      authTitle: "Test payment authentication", authBody: "This is a test 3D Secure challenge. Complete it to authorize the payment, or fail it.",
      complete: "Complete", fail: "Fail" },
    de: { card: "Kartennummer", expiry: "Ablaufdatum", cvc: "Sicherheitscode", expiryPlaceholder: "MM / JJ",
      incompleteNumber: "Ihre Kartennummer ist unvollständig.", invalidNumber: "Ihre Kartennummer ist ungültig.",
      incompleteExpiry: "Das Ablaufdatum Ihrer Karte ist unvollständig.", pastExpiry: "Das Ablaufjahr Ihrer Karte liegt in der Vergangenheit.",
      incompleteCvc: "Der Sicherheitscode Ihrer Karte ist unvollständig.", testMode: "Testmodus: nutzen Sie 4242 4242 4242 4242",
      authTitle: "Test-Authentifizierung der Zahlung", authBody: "Dies ist eine 3D-Secure-Testabfrage. Schließen Sie sie ab, um die Zahlung zu autorisieren, oder lassen Sie sie fehlschlagen.",
      complete: "Abschließen", fail: "Fehlschlagen lassen" },
    fr: { card: "Numéro de carte", expiry: "Date d'expiration", cvc: "Code de sécurité", expiryPlaceholder: "MM / AA",
      incompleteNumber: "Le numéro de votre carte est incomplet.", invalidNumber: "Le numéro de votre carte n'est pas valide.",
      incompleteExpiry: "La date d'expiration de votre carte est incomplète.", pastExpiry: "L'année d'expiration de votre carte est passée.",
      incompleteCvc: "Le code de sécurité de votre carte est incomplet.", testMode: "Mode test : utilisez 4242 4242 4242 4242",
      authTitle: "Authentification de paiement de test", authBody: "Ceci est une vérification 3D Secure de test. Validez-la pour autoriser le paiement, ou faites-la échouer.",
      complete: "Valider", fail: "Faire échouer" },
    es: { card: "Número de tarjeta", expiry: "Fecha de caducidad", cvc: "Código de seguridad", expiryPlaceholder: "MM / AA",
      incompleteNumber: "El número de tu tarjeta está incompleto.", invalidNumber: "El número de tu tarjeta no es válido.",
      incompleteExpiry: "La fecha de caducidad de tu tarjeta está incompleta.", pastExpiry: "El año de caducidad de tu tarjeta ya ha pasado.",
      incompleteCvc: "El código de seguridad de tu tarjeta está incompleto.", testMode: "Modo de prueba: usa 4242 4242 4242 4242",
      authTitle: "Autenticación de pago de prueba", authBody: "Esta es una verificación 3D Secure de prueba. Complétala para autorizar el pago o haz que falle.",
      complete: "Completar", fail: "Hacer que falle" },
    nl: { card: "Kaartnummer", expiry: "Vervaldatum", cvc: "Beveiligingscode", expiryPlaceholder: "MM / JJ",
      incompleteNumber: "Je kaartnummer is onvolledig.", invalidNumber: "Je kaartnummer is ongeldig.",
      incompleteExpiry: "De vervaldatum van je kaart is onvolledig.", pastExpiry: "Het vervaljaar van je kaart ligt in het verleden.",
      incompleteCvc: "De beveiligingscode van je kaart is onvolledig.", testMode: "Testmodus: gebruik 4242 4242 4242 4242",
      authTitle: "Testverificatie van de betaling", authBody: "Dit is een 3D Secure-test. Voltooi hem om de betaling toe te staan, of laat hem mislukken.",
      complete: "Voltooien", fail: "Laten mislukken" },
    "pt-BR": { card: "Número do cartão", expiry: "Data de validade", cvc: "Código de segurança", expiryPlaceholder: "MM / AA",
      incompleteNumber: "O número do seu cartão está incompleto.", invalidNumber: "O número do seu cartão é inválido.",
      incompleteExpiry: "A data de validade do seu cartão está incompleta.", pastExpiry: "O ano de validade do seu cartão já passou.",
      incompleteCvc: "O código de segurança do seu cartão está incompleto.", testMode: "Modo de teste: use 4242 4242 4242 4242",
      authTitle: "Autenticação de pagamento de teste", authBody: "Este é um desafio 3D Secure de teste. Conclua-o para autorizar o pagamento ou faça-o falhar.",
      complete: "Concluir", fail: "Fazer falhar" },
    ja: { card: "カード番号", expiry: "有効期限", cvc: "セキュリティコード", expiryPlaceholder: "月 / 年",
      incompleteNumber: "カード番号が不完全です。", invalidNumber: "カード番号が無効です。",
      incompleteExpiry: "カードの有効期限が不完全です。", pastExpiry: "カードの有効期限の年が過去です。",
      incompleteCvc: "カードのセキュリティコードが不完全です。", testMode: "テストモード：4242 4242 4242 4242 を使用",
      authTitle: "テスト決済の認証", authBody: "これはテスト用の 3D セキュア認証です。完了すると支払いが承認されます。失敗させることもできます。",
      complete: "完了", fail: "失敗させる" },
    ar: { card: "رقم البطاقة", expiry: "تاريخ انتهاء الصلاحية", cvc: "رمز الأمان", expiryPlaceholder: "MM / YY",
      incompleteNumber: "رقم بطاقتك غير مكتمل.", invalidNumber: "رقم بطاقتك غير صالح.",
      incompleteExpiry: "تاريخ انتهاء صلاحية بطاقتك غير مكتمل.", pastExpiry: "سنة انتهاء صلاحية بطاقتك في الماضي.",
      incompleteCvc: "رمز أمان بطاقتك غير مكتمل.", testMode: "وضع الاختبار: استخدم 4242 4242 4242 4242",
      authTitle: "مصادقة دفع تجريبية", authBody: "هذا تحدٍّ تجريبي لـ 3D Secure. أكمله لتفويض الدفع أو اجعله يفشل.",
      complete: "إكمال", fail: "إفشال" },
  };

  /**
   * The part of Stripe.js this stand-in offers, with Stripe's own signatures.
   * @typedef {Pick<import("@stripe/stripe-js").StripeElements, "update" | "submit" | "create" | "getElement">} SandboxElements
   * @typedef {Pick<import("@stripe/stripe-js").Stripe, "createConfirmationToken" | "handleNextAction">
   *   & {elements(options?: import("@stripe/stripe-js").StripeElementsOptions): SandboxElements}} SandboxStripe
   */

  /** @param {string | undefined} locale */
  function textsFor(locale) {
    const tag = locale && locale !== "auto" ? locale : navigator.language;
    return TEXTS[tag] ?? TEXTS[tag.split("-")[0]] ?? (tag.startsWith("pt") ? TEXTS["pt-BR"] : TEXTS.en);
  }

  /** @param {string} digits */
  function luhn(digits) {
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
      let d = Number(digits[digits.length - 1 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    return digits.length >= 12 && sum % 10 === 0;
  }

  /** What every sandbox Stripe instance was asked, for tests to read. */
  const log = (window.__kassaSandboxStripe = { stripe: /** @type {unknown[]} */ ([]), elements: /** @type {unknown[]} */ ([]), updates: /** @type {unknown[]} */ ([]) });

  /** @param {import("@stripe/stripe-js").Appearance | undefined} appearance */
  function sheetFor(appearance) {
    const v = appearance?.variables ?? {};
    const night = appearance?.theme === "night";
    const css = `:host { display: block;
      --bg: ${v.colorBackground ?? (night ? "#30313d" : "#ffffff")}; --fg: ${v.colorText ?? (night ? "#ffffff" : "#30313d")};
      --primary: ${v.colorPrimary ?? "#0570de"}; --danger: ${v.colorDanger ?? "#df1b41"};
      --radius: ${v.borderRadius ?? "4px"}; --font: ${v.fontFamily ?? "system-ui, sans-serif"}; --muted: color-mix(in srgb, var(--fg) 78%, var(--bg)); }
      .form { font-family: var(--font); color: var(--fg); display: grid; gap: .75rem; }
      .row { display: grid; grid-template-columns: 1fr 1fr; gap: .75rem; }
      .field { display: grid; gap: .25rem; }
      label { font-size: .875rem; }
      input { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid color-mix(in srgb, var(--fg) 25%, transparent);
        border-radius: var(--radius); padding: .625rem .75rem; min-width: 0; }
      input:focus { outline: 2px solid var(--primary); outline-offset: 1px; }
      input[aria-invalid="true"] { border-color: var(--danger); }
      .error { color: var(--danger); font-size: .8125rem; margin: 0; }
      .error:empty { display: none; }
      .test { font-size: .75rem; color: var(--muted); margin: 0; }
      dialog { font-family: var(--font); color: var(--fg); background: var(--bg); border: 0; border-radius: 12px; max-width: 24rem; padding: 1.5rem; }
      dialog::backdrop { background: rgb(0 0 0 / .5); }
      h2 { margin: 0 0 .5rem; font-size: 1.125rem; }
      .actions { display: flex; gap: .75rem; margin-top: 1rem; }
      button { font: inherit; border-radius: var(--radius); padding: .5rem 1rem; border: 1px solid var(--primary); cursor: pointer; }
      .primary { background: var(--primary); color: #fff; } .secondary { background: transparent; color: var(--primary); }`;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    return sheet;
  }

  /**
   * @param {string} publishableKey
   * @param {import("@stripe/stripe-js").StripeConstructorOptions} [options]
   * @returns {SandboxStripe}
   */
  function Stripe(publishableKey, options) {
    if (!/^pk_sandbox/.test(publishableKey)) {
      throw new Error(`The Kassa sandbox's Stripe.js takes only sandbox keys (pk_sandbox_…), not ${publishableKey}.`);
    }
    log.stripe.push({ publishableKey, options });
    const texts = textsFor(options?.locale);

    /**
     * @param {import("@stripe/stripe-js").StripeElementsOptions} [elementsOptions]
     * @returns {SandboxElements & {_card(): ReturnType<PaymentElement["read"]> | undefined}}
     */
    function elements(elementsOptions) {
      log.elements.push(elementsOptions);
      let appearance = elementsOptions?.appearance;
      /** @type {PaymentElement | null} */
      let payment = null;

      /** The card form: three fields in a shadow root of their own, like Stripe's iframe. */
      class PaymentElement {
        constructor() {
          /** @type {Map<string, Function[]>} */ this.handlers = new Map();
          /** @type {HTMLElement | null} */ this.host = null;
          this.shadow = /** @type {ShadowRoot | null} */ (null);
          this.touched = new Set();
        }

        /** @param {string | HTMLElement} target */
        mount(target) {
          const parent = typeof target === "string" ? document.querySelector(target) : target;
          if (!parent) throw new Error("Stripe.js: the Payment Element's mount point does not exist.");
          if (parent.getRootNode() instanceof ShadowRoot) {
            throw new Error("Stripe.js: the Payment Element cannot be mounted inside a shadow root; mount it in the light DOM and project it with a <slot>.");
          }
          this.host = document.createElement("div");
          this.host.className = "__PrivateStripeElement";
          parent.appendChild(this.host);
          this.shadow = this.host.attachShadow({ mode: "open" });
          this.shadow.adoptedStyleSheets = [sheetFor(appearance)];
          const rtl = (options?.locale ?? navigator.language).startsWith("ar");
          const form = document.createElement("div");
          form.className = "form";
          form.dir = rtl ? "rtl" : "ltr";
          const field = (id, label, attrs) => {
            const wrap = document.createElement("div");
            wrap.className = "field";
            const l = document.createElement("label");
            l.htmlFor = id;
            l.textContent = label;
            const input = document.createElement("input");
            Object.assign(input, { id, type: "text", dir: "ltr", ...attrs });
            input.setAttribute("aria-describedby", `${id}-error`);
            const error = document.createElement("p");
            error.className = "error";
            error.id = `${id}-error`;
            error.setAttribute("role", "alert");
            wrap.append(l, input, error);
            input.addEventListener("input", () => this.changed());
            input.addEventListener("blur", () => { this.touched.add(id); this.show(); });
            return wrap;
          };
          const row = document.createElement("div");
          row.className = "row";
          row.append(
            field("exp", texts.expiry, { inputMode: "numeric", autocomplete: "cc-exp", placeholder: texts.expiryPlaceholder }),
            field("cvc", texts.cvc, { inputMode: "numeric", autocomplete: "cc-csc", placeholder: "CVC", maxLength: 4 }),
          );
          const note = document.createElement("p");
          note.className = "test";
          note.textContent = texts.testMode;
          form.append(field("number", texts.card, { inputMode: "numeric", autocomplete: "cc-number", placeholder: "1234 1234 1234 1234" }), row, note);
          this.shadow.append(form);
          queueMicrotask(() => this.emit("ready", { elementType: "payment" }));
        }

        /** @param {string} id */
        input(id) {
          return /** @type {HTMLInputElement} */ (this.shadow?.getElementById(id));
        }

        /** The card as typed, and what is wrong with it, field by field. */
        read() {
          const number = (this.input("number")?.value ?? "").replace(/\s+/g, "");
          const [month, year] = (this.input("exp")?.value ?? "").split("/").map((s) => Number(s.trim()));
          const cvc = (this.input("cvc")?.value ?? "").trim();
          const now = new Date();
          const fullYear = year < 100 ? 2000 + year : year;
          /** @type {Record<string, string>} */
          const problems = {};
          if (!/^\d{12,19}$/.test(number)) problems.number = texts.incompleteNumber;
          else if (!luhn(number)) problems.number = texts.invalidNumber;
          if (!(month >= 1 && month <= 12 && year >= 0)) problems.exp = texts.incompleteExpiry;
          else if (fullYear < now.getFullYear() || (fullYear === now.getFullYear() && month < now.getMonth() + 1)) problems.exp = texts.pastExpiry;
          if (!/^\d{3,4}$/.test(cvc)) problems.cvc = texts.incompleteCvc;
          return { card: { number, exp_month: month, exp_year: fullYear, cvc }, problems };
        }

        /** Shows the problems of the fields the buyer has left (or all, on submit). */
        show(all = false) {
          const { problems } = this.read();
          for (const id of ["number", "exp", "cvc"]) {
            const shown = all || this.touched.has(id) ? problems[id] ?? "" : "";
            const input = this.input(id);
            input?.setAttribute("aria-invalid", String(Boolean(shown)));
            const error = this.shadow?.getElementById(`${id}-error`);
            if (error) error.textContent = shown;
          }
          return problems;
        }

        changed() {
          const { problems } = this.read();
          const empty = ["number", "exp", "cvc"].every((id) => !this.input(id)?.value);
          this.emit("change", { elementType: "payment", empty, complete: Object.keys(problems).length === 0, collapsed: false, value: { type: "card" } });
        }

        /** @param {string} event @param {Function} handler */
        on(event, handler) {
          this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
          return this;
        }

        /** @param {string} event @param {Function} [handler] */
        off(event, handler) {
          this.handlers.set(event, handler ? (this.handlers.get(event) ?? []).filter((h) => h !== handler) : []);
          return this;
        }

        /** @param {string} event @param {unknown} payload */
        emit(event, payload) {
          for (const handler of this.handlers.get(event) ?? []) handler(payload);
        }

        /** @param {object} update */
        update(update) {
          log.updates.push({ element: update });
        }

        focus() {
          this.input("number")?.focus();
        }

        blur() {
          /** @type {HTMLElement | null} */ (this.shadow?.activeElement ?? null)?.blur();
        }

        clear() {
          for (const id of ["number", "exp", "cvc"]) this.input(id).value = "";
          this.touched.clear();
          this.show();
        }

        unmount() {
          this.host?.remove();
          this.host = null;
          this.shadow = null;
        }

        destroy() {
          this.unmount();
          this.handlers.clear();
          payment = null;
        }
      }

      return {
        /** @param {import("@stripe/stripe-js").StripeElementsUpdateOptions} update */
        async update(update) {
          log.updates.push(update);
          if (update.appearance) {
            appearance = update.appearance;
            if (payment?.shadow) payment.shadow.adoptedStyleSheets = [sheetFor(appearance)];
          }
        },
        /** @param {string} type */
        create(type) {
          if (type !== "payment") throw new Error(`The Kassa sandbox's Stripe.js offers the payment element only, not ${type}.`);
          payment = new PaymentElement();
          return /** @type {any} */ (payment);
        },
        /** @param {string} type */
        getElement(type) {
          return type === "payment" ? /** @type {any} */ (payment) : null;
        },
        /** Validates the form, as Stripe's does before a token is made. */
        async submit() {
          const problems = payment?.show(true) ?? { number: texts.incompleteNumber };
          const first = Object.keys(problems)[0];
          if (!first) return {};
          payment?.input(first)?.focus();
          return { error: { type: "validation_error", code: "incomplete", message: problems[first] } };
        },
        /** @internal */
        _card() {
          return payment?.read();
        },
      };
    }

    /** @type {Pick<import("@stripe/stripe-js").Stripe, "createConfirmationToken" | "handleNextAction">} */
    const flows = {
      async createConfirmationToken({ elements: group }) {
        const read = /** @type {any} */ (group)._card?.();
        if (!read || Object.keys(read.problems).length) {
          return /** @type {any} */ ({ error: { type: "validation_error", message: texts.incompleteNumber } });
        }
        const res = await fetch(`${ORIGIN}/v1/sandbox/stripe/confirmation_tokens`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ publishable_key: publishableKey, card: read.card }),
        });
        const json = await res.json();
        return res.ok ? { confirmationToken: json } : { error: json.error };
      },
      async handleNextAction(options) {
        const clientSecret = "clientSecret" in options ? options.clientSecret : "";
        const approve = await challenge(texts);
        const res = await fetch(`${ORIGIN}/v1/sandbox/stripe/next_action`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ client_secret: clientSecret, outcome: approve ? "approve" : "reject" }),
        });
        const json = await res.json();
        return res.ok ? json : { error: json.error };
      },
    };

    return { elements, ...flows };
  }

  /**
   * The bank's test challenge: a modal dialog to complete or fail it.
   * @param {Texts} texts
   * @returns {Promise<boolean>}
   */
  function challenge(texts) {
    return new Promise((resolve) => {
      const host = document.createElement("div");
      host.setAttribute("data-kassa-sandbox-3ds", "");
      document.body.appendChild(host);
      const shadow = host.attachShadow({ mode: "open" });
      shadow.adoptedStyleSheets = [sheetFor(undefined)];
      const dialog = document.createElement("dialog");
      dialog.setAttribute("aria-labelledby", "title");
      dialog.setAttribute("aria-describedby", "body");
      const title = Object.assign(document.createElement("h2"), { id: "title", textContent: texts.authTitle });
      const body = Object.assign(document.createElement("p"), { id: "body", textContent: texts.authBody });
      const actions = document.createElement("div");
      actions.className = "actions";
      const done = (/** @type {boolean} */ ok) => () => {
        dialog.close();
        host.remove();
        resolve(ok);
      };
      const complete = Object.assign(document.createElement("button"), { className: "primary", type: "button", textContent: texts.complete });
      const fail = Object.assign(document.createElement("button"), { className: "secondary", type: "button", textContent: texts.fail });
      complete.addEventListener("click", done(true));
      fail.addEventListener("click", done(false));
      dialog.addEventListener("cancel", (e) => { e.preventDefault(); });
      actions.append(complete, fail);
      dialog.append(title, body, actions);
      shadow.append(dialog);
      dialog.showModal();
      complete.focus();
    });
  }

  /** @type {import("@stripe/stripe-js").StripeConstructor} */
  const constructor = /** @type {any} */ (Stripe);
  window.Stripe = constructor;
})();
