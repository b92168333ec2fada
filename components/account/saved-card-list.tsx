// /account's saved cards: each with "Remove" and, unless it is the default or expired, "Make default".
// Plain forms posting to Server Actions: they work without JavaScript.
import { makeDefaultSavedCardAction, removeSavedCardAction } from "@/app/account/actions";

export type SavedCardItem = { id: string; label: string; expiry: string; expired: boolean; isDefault: boolean };

export type SavedCardListLabels = {
  empty: string;
  default: string;
  remove: string;
  removeLabel: (card: string) => string;
  makeDefault: string;
  makeDefaultLabel: (card: string) => string;
};

export function SavedCardList({ cards, labels }: { cards: SavedCardItem[]; labels: SavedCardListLabels }) {
  if (cards.length === 0) return <p className="muted">{labels.empty}</p>;
  return (
    <ul className="saved-card-list">
      {cards.map((card) => (
        <li key={card.id} className="saved-card" data-testid="saved-card">
          <span className="saved-card__name">{card.label}</span>
          <span className={card.expired ? "badge badge--muted" : "muted"}>{card.expiry}</span>
          {card.isDefault && <span className="badge">{labels.default}</span>}
          <span className="saved-card__actions">
            {!card.isDefault && !card.expired && (
              <form action={makeDefaultSavedCardAction}>
                <input type="hidden" name="cardId" value={card.id} />
                <button type="submit" className="button button--secondary" aria-label={labels.makeDefaultLabel(card.label)}>
                  {labels.makeDefault}
                </button>
              </form>
            )}
            <form action={removeSavedCardAction}>
              <input type="hidden" name="cardId" value={card.id} />
              <button type="submit" className="button button--secondary" aria-label={labels.removeLabel(card.label)}>
                {labels.remove}
              </button>
            </form>
          </span>
        </li>
      ))}
    </ul>
  );
}
