/** What the deal page's search pickers list: a contact or company found by the search actions. */
export interface SearchHit {
  id: string;
  name: string;
  detail: string | null;
}
