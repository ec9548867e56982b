import Foundation
import ParleyCore
import ParleyX

/// The X payload of a published reply, as X's stream would deliver it: what the sandbox echoes and
/// what the sender journals so the reply shows in its conversation even if no echo ever comes.
enum OutboxEcho {
    static func payload(_ delivery: OutboxDelivery, receipt: DeliveryReceipt) -> Data {
        let item = delivery.item
        switch item.channel {
        case .public:
            return XPostEncoder.v2StreamLine(
                id: receipt.xID, text: item.text, authorID: delivery.handleXUserID, createdAt: receipt.createdAt,
                conversationID: nil, inReplyToPostID: item.inReplyToXID, inReplyToUserID: nil, author: nil)
        case .dm:
            return XPostEncoder.v2DMEventLine(
                id: receipt.xID, text: item.text, senderID: delivery.handleXUserID,
                recipientID: item.recipientXUserID ?? "", createdAt: receipt.createdAt, users: [])
        case .email:
            // The mail transport hands back the bytes it sent (`DeliveryReceipt.echo`).
            return receipt.echo ?? Data()
        }
    }
}
