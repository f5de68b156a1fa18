export {
  activeCasesOfOtherOffices,
  insertTransferExchange,
  listTransferExchanges,
  lockTransferExchange,
  markTransferExchangeRanked,
  markTransferExchangeReturned,
  officesByCode,
  type TransferExchange,
  type TransferExchangeState,
} from './transfer-exchanges';
