import Foundation
import ParleyCore
import ParleyStore
import FluentKit
import Vapor

/// The demo's troubleshooting flows (Spotify playback, the Xbox network, changing a Delta flight),
/// written through the same actions as the editor, and a month of customers' walks through them
/// so the figures have something to show: most finish, some solve it alone, some leave part way.
enum DemoFlows {
    struct Entry {
        var brand: String
        var title: String
        var summary: String
        var outline: String
        /// Walks to make over the last 30 days.
        var walks: Int
    }

    static let entries = [
        Entry(
            brand: "spotify", title: "Music won't play",
            summary: "The app crashes, or downloaded songs won't play offline? Answer a few questions and we'll find the fix.",
            outline: """
                question start: What's happening?
                  [The app crashes or won't open] -> crash
                  [Downloaded music won't play offline] -> offline
                  [Something else] -> contact

                guidance crash: Restart and update the app
                  1. Close Spotify completely, then open it again.
                  2. Update it from your app store.
                  3. Restart your device.
                  article: app-crashes-or-will-not-open
                  [I've done this] -> crash-fixed

                question crash-fixed: Does it open now?
                  [Yes] -> solved
                  [No, it still crashes] -> reinstall

                guidance reinstall: Reinstall Spotify
                  Your playlists are saved to your account; downloads need to be downloaded again after reinstalling.
                  article: reinstallation-of-spotify
                  [Done] -> reinstall-fixed

                question reinstall-fixed: Does it work after reinstalling?
                  [Yes] -> solved
                  [No] -> contact

                question offline: Are you on Premium?
                  [Yes] -> offline-steps
                  [No, or not sure] -> premium

                guidance premium: Offline listening needs Premium
                  Downloads play offline only on a Premium plan. Check your plan on your account page.
                  article: premium-family
                  [Got it] -> solved

                guidance offline-steps: Download it again
                  1. Go online for a moment: Spotify needs to connect at least once every 30 days.
                  2. Open the playlist and switch **Download** off, then on.
                  3. Make sure at least 1 GB of storage is free.
                  article: content-missing
                  [Done] -> offline-fixed

                question offline-fixed: Does it play offline now?
                  [Yes] -> solved
                  [No] -> contact

                solved solved: Great, enjoy your music
                  Thanks for working through it with us.

                contact contact: Let's get you to the team
                  Tell us what you see; your answers go with your message, so nobody asks again.
                """, walks: 180),
        Entry(
            brand: "xbox", title: "Can't connect to the Xbox network",
            summary: "Your console says it can't connect, or games won't go online.",
            outline: """
                question start: Can other devices on the same Wi-Fi go online?
                  [Yes] -> console
                  [No] -> router

                guidance router: Restart your router
                  Unplug the router and modem for 30 seconds, plug them back in and wait until the lights settle.
                  [Done] -> router-fixed

                question router-fixed: Is the console online now?
                  [Yes] -> solved
                  [No] -> contact

                guidance console: Test the connection on the console
                  Press the Xbox button, then **Profile & system › Settings › General › Network settings › Test network connection**.
                  article: xbox-one-network-connection
                  [Done] -> console-fixed

                question console-fixed: Did the test pass?
                  [Yes] -> solved
                  [No, it shows an error] -> contact

                solved solved: You're back online
                contact contact: Let's look at it together
                  Include the error code the test showed, if there was one.
                """, walks: 90),
        Entry(
            brand: "delta", title: "Change or cancel a flight",
            summary: "Find the quickest way to change or cancel your trip.",
            outline: """
                question start: Where did you book?
                  [With Delta] -> soon
                  [With a travel agent or another site] -> agent

                guidance agent: Your travel agent makes the change
                  Tickets bought elsewhere are changed by whoever sold them: they hold the booking.
                  [Understood] -> solved

                question soon: Does the flight leave within 24 hours?
                  [Yes] -> contact
                  [No] -> online

                guidance online: Change it in My Trips
                  Open **My Trips**, find the booking with your confirmation number and choose **Modify** or **Cancel**.
                  article: how-to-cancel-or-change-your-flight
                  [Done] -> changed

                question changed: Were you able to change it?
                  [Yes] -> solved
                  [No] -> contact

                solved solved: All set
                  Your new itinerary is in My Trips and in your e-mail.

                contact contact: We'll change it for you
                  Don't post your confirmation number publicly: the form sends it to us privately.
                """, walks: 120),
    ]

    /// Writes the flows of the brands present, published, and their walks.
    static func seed(_ app: Application, brands: [String: Brand], by actor: DeskUser) async throws {
        var random = SplitMix64(seed: 15)
        let now = app.parleyServices.effects.now()
        for entry in entries {
            guard let brand = brands[entry.brand] else { continue }
            let flow = try await app.actions.flows.create(.init(
                brandID: brand.id, title: entry.title, summary: entry.summary, nodes: try FlowOutline.parse(entry.outline), status: .published), by: actor)
            try await walks(entry.walks, through: flow, until: now, random: &random, on: app.db)
        }
    }

    /// Customers' walks spread over 30 days: at each node one in ten leaves; answers lean to the first.
    private static func walks(_ count: Int, through flow: TroubleshootingFlow, until now: Date, random: inout SplitMix64, on db: any Database) async throws {
        let flows = FlowQueries(database: db)
        for _ in 0..<count {
            var at = now.addingTimeInterval(-Double.random(in: 3_600...(30 * 86_400), using: &random))
            guard let start = flow.start else { return }
            var walk = FlowWalk(id: UUID(), flowID: flow.id, startedAt: at, updatedAt: at, choices: [], lastNode: start.key, outcome: nil)
            try await flows.create(walk)
            var node = start
            while !node.kind.isOutcome, Int.random(in: 0..<10, using: &random) > 0 {
                let pick = Int.random(in: 0..<(node.answers.count * 2), using: &random)
                let choice = pick < node.answers.count ? 0 : pick - node.answers.count
                guard let next = flow.node(node.answers[choice].next) else { break }
                at = at.addingTimeInterval(Double.random(in: 20...150, using: &random))
                walk.choices.append(choice)
                walk.lastNode = next.key
                walk.outcome = next.kind.isOutcome ? next.kind : nil
                walk.updatedAt = at
                try await flows.advance(walk)
                node = next
            }
        }
    }
}
