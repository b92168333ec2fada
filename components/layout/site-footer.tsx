export type SiteFooterLabels = { heading: string; text: string; email: string; phone: string; madeIn: string };

export function SiteFooter({ email, phone, labels }: { email: string; phone: string; labels: SiteFooterLabels }) {
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <section aria-labelledby="support-heading">
          <h2 id="support-heading" className="site-footer__heading">
            {labels.heading}
          </h2>
          <p>{labels.text}</p>
          <ul className="site-footer__contact">
            <li>
              {labels.email}: <a href={`mailto:${email}`}>{email}</a>
            </li>
            <li>
              {labels.phone}: <a href={`tel:${phone.replace(/[^\d+]/g, "")}`}>{phone}</a>
            </li>
          </ul>
        </section>
        <p className="site-footer__note">{labels.madeIn}</p>
      </div>
    </footer>
  );
}
