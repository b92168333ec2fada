import { POLICY_PATHS } from "@/lib/policies/policy-links";

export type SiteFooterLabels = {
  heading: string;
  text: string;
  email: string;
  phone: string;
  madeIn: string;
  /** The name of the policy links' navigation ("Store policies"). */
  policies: string;
  refunds: string;
  terms: string;
  support: string;
};

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
        <nav aria-label={labels.policies}>
          <ul className="site-footer__policies">
            <li>
              <a href={POLICY_PATHS.refunds}>{labels.refunds}</a>
            </li>
            <li>
              <a href={POLICY_PATHS.terms}>{labels.terms}</a>
            </li>
            <li>
              <a href={POLICY_PATHS.support}>{labels.support}</a>
            </li>
          </ul>
        </nav>
        <p className="site-footer__note">{labels.madeIn}</p>
      </div>
    </footer>
  );
}
