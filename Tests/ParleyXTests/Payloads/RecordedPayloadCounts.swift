// Expected decoding of every recorded payload in ../shared/data, computed independently of the
// decoder by a short Python script (rules in its docstring) over the same files. Per file: the
// payload kinds in order ("kind*n" for n in a row, "ERR:<case>" for a payload that must fail),
// then posts, users (deduplicated per payload, summed over payloads), DMs, skipped items and
// X's partial `errors` entries, summed over every payload in the file.
//
// tweepy cassettes: every interaction's response body. twarc: every non-blank line (a .json file
// is one payload). Account Activity `.template.txt` files: after putting the v1.1 `post.json`
// example in for `<Tweet Object>` and its `user` for `<User Object>` and `{ ... }`.

struct ExpectedDecoding: Equatable, CustomStringConvertible, Sendable {
    var kinds: String
    var posts: Int
    var users: Int
    var dms: Int
    var skipped: Int
    var problems: Int

    init(_ kinds: String, posts: Int, users: Int, dms: Int, skipped: Int, problems: Int) {
        self.kinds = kinds
        self.posts = posts
        self.users = users
        self.dms = dms
        self.skipped = skipped
        self.problems = problems
    }

    var description: String {
        "\(kinds) posts: \(posts) users: \(users) dms: \(dms) skipped: \(skipped) problems: \(problems)"
    }
}

enum RecordedPayloadCounts {
    static let expected: [String: ExpectedDecoding] = [
        // tweepy-cassettes/v2: every response body, in order
        "tweepy-cassettes/v2/test_asyncclient_bookmarks.json": .init("v2Users other v2Page other", posts: 0, users: 1, dms: 0, skipped: 1, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_create_and_delete_tweet.json": .init("v2Post other", posts: 0, users: 0, dms: 0, skipped: 1, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_create_and_get_compliance_job_and_jobs.json": .init("other*3", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_follow_and_unfollow_list.json": .init("other*2", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_follow_and_unfollow_user.json": .init("other*2", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_get_all_tweets_count.json": .init("other", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_get_followed_lists.json": .init("other", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_get_home_timeline.json": .init("v2Page", posts: 0, users: 0, dms: 0, skipped: 98, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_get_liked_tweets.json": .init("v2Page", posts: 0, users: 0, dms: 0, skipped: 96, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_get_liking_users.json": .init("v2Users", posts: 0, users: 81, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_get_list.json": .init("other", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_get_list_followers.json": .init("v2Users", posts: 0, users: 100, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_get_list_members.json": .init("v2Users", posts: 0, users: 100, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_get_list_memberships.json": .init("other", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_get_list_tweets.json": .init("v2Page", posts: 0, users: 0, dms: 0, skipped: 97, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_get_me.json": .init("v2Users", posts: 0, users: 1, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_get_owned_lists.json": .init("other", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_get_quote_tweets.json": .init("v2Page", posts: 0, users: 0, dms: 0, skipped: 9, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_get_recent_tweets_count.json": .init("other", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_get_retweeters.json": .init("v2Users", posts: 0, users: 62, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_get_space.json": .init("other", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_get_spaces.json": .init("other*2", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_get_tweet.json": .init("v2Post", posts: 0, users: 0, dms: 0, skipped: 1, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_get_tweets.json": .init("v2Page", posts: 0, users: 0, dms: 0, skipped: 2, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_get_user.json": .init("v2Users", posts: 0, users: 1, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_get_users.json": .init("v2Users", posts: 0, users: 2, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_get_users_followers.json": .init("v2Users", posts: 0, users: 84, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_get_users_following.json": .init("v2Users", posts: 0, users: 100, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_get_users_mentions.json": .init("v2Page", posts: 0, users: 0, dms: 0, skipped: 2, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_get_users_tweets.json": .init("v2Page", posts: 0, users: 0, dms: 0, skipped: 2, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_hide_and_unhide_reply.json": .init("other*2", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_like_and_unlike.json": .init("other*2", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_manage_and_get_pinned_lists.json": .init("other*8", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_manage_and_lookup_direct_messages.json": .init("other*3 v2Page v2DMPage*2", posts: 0, users: 0, dms: 0, skipped: 4, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_mute_get_muted_and_unmute.json": .init("other v2Users other", posts: 0, users: 1, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_retweet_and_unretweet.json": .init("other*2", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_search_all_tweets.json": .init("v2Page", posts: 0, users: 0, dms: 0, skipped: 10, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_search_recent_tweets.json": .init("v2Page", posts: 0, users: 0, dms: 0, skipped: 10, problems: 0),
        "tweepy-cassettes/v2/test_asyncclient_search_spaces.json": .init("other", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_client_bookmarks.json": .init("v2Users other v2Page other", posts: 0, users: 1, dms: 0, skipped: 1, problems: 0),
        "tweepy-cassettes/v2/test_client_create_and_delete_tweet.json": .init("v2Post other", posts: 0, users: 0, dms: 0, skipped: 1, problems: 0),
        "tweepy-cassettes/v2/test_client_create_and_get_compliance_job_and_jobs.json": .init("other*3", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_client_create_tweet_with_community.json": .init("v2Post", posts: 0, users: 0, dms: 0, skipped: 1, problems: 0),
        "tweepy-cassettes/v2/test_client_follow_and_unfollow_list.json": .init("other*2", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_client_follow_and_unfollow_user.json": .init("other*2", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_client_get_all_tweets_count.json": .init("other", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_client_get_followed_lists.json": .init("other", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_client_get_home_timeline.json": .init("v2Page", posts: 0, users: 0, dms: 0, skipped: 98, problems: 0),
        "tweepy-cassettes/v2/test_client_get_liked_tweets.json": .init("v2Page", posts: 0, users: 0, dms: 0, skipped: 96, problems: 0),
        "tweepy-cassettes/v2/test_client_get_liking_users.json": .init("v2Users", posts: 0, users: 43, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_client_get_list.json": .init("other", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_client_get_list_followers.json": .init("v2Users", posts: 0, users: 100, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_client_get_list_members.json": .init("v2Users", posts: 0, users: 100, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_client_get_list_memberships.json": .init("other", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_client_get_list_tweets.json": .init("v2Page", posts: 0, users: 0, dms: 0, skipped: 97, problems: 0),
        "tweepy-cassettes/v2/test_client_get_me.json": .init("v2Users", posts: 0, users: 1, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_client_get_owned_lists.json": .init("other", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_client_get_quote_tweets.json": .init("v2Page", posts: 0, users: 0, dms: 0, skipped: 9, problems: 0),
        "tweepy-cassettes/v2/test_client_get_recent_tweets_count.json": .init("other", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_client_get_retweeters.json": .init("v2Users", posts: 0, users: 38, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_client_get_space.json": .init("other", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_client_get_spaces.json": .init("other*2", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_client_get_tweet.json": .init("v2Post", posts: 0, users: 0, dms: 0, skipped: 1, problems: 0),
        "tweepy-cassettes/v2/test_client_get_tweets.json": .init("v2Page", posts: 0, users: 0, dms: 0, skipped: 2, problems: 0),
        "tweepy-cassettes/v2/test_client_get_user.json": .init("v2Users", posts: 0, users: 1, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_client_get_users.json": .init("v2Users", posts: 0, users: 2, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_client_get_users_followers.json": .init("v2Users", posts: 0, users: 100, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_client_get_users_following.json": .init("v2Users", posts: 0, users: 35, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_client_get_users_mentions.json": .init("v2Page", posts: 0, users: 0, dms: 0, skipped: 10, problems: 0),
        "tweepy-cassettes/v2/test_client_get_users_tweets.json": .init("v2Page", posts: 0, users: 0, dms: 0, skipped: 2, problems: 0),
        "tweepy-cassettes/v2/test_client_hide_and_unhide_reply.json": .init("other*2", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_client_like_and_unlike.json": .init("other*2", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_client_manage_and_get_pinned_lists.json": .init("other*8", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_client_mute_get_muted_and_unmute.json": .init("other v2Users other", posts: 0, users: 1, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_client_retweet_and_unretweet.json": .init("other*2", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_client_search_all_tweets.json": .init("v2Page", posts: 0, users: 0, dms: 0, skipped: 10, problems: 0),
        "tweepy-cassettes/v2/test_client_search_recent_tweets.json": .init("v2Page", posts: 0, users: 0, dms: 0, skipped: 10, problems: 0),
        "tweepy-cassettes/v2/test_client_search_spaces.json": .init("other", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "tweepy-cassettes/v2/test_manage_and_lookup_direct_messages.json": .init("other*3 v2Page v2DMPage*2", posts: 0, users: 0, dms: 0, skipped: 4, problems: 0),
        // twarc-v2-responses: every non-blank line
        "twarc-v2-responses/test-data/2sets.jsonl": .init("v2Page*2", posts: 200, users: 289, dms: 0, skipped: 0, problems: 1),
        "twarc-v2-responses/test-data/brexit.jsonl": .init("v2Page", posts: 100, users: 177, dms: 0, skipped: 0, problems: 0),
        "twarc-v2-responses/test-data/cashtags.jsonl": .init("v2Page", posts: 1, users: 1, dms: 0, skipped: 0, problems: 0),
        "twarc-v2-responses/test-data/cotweet.jsonl": .init("v2Page", posts: 1, users: 1, dms: 0, skipped: 0, problems: 0),
        "twarc-v2-responses/test-data/counts.jsonl": .init("other", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "twarc-v2-responses/test-data/edited.jsonl": .init("v2Page", posts: 1, users: 1, dms: 0, skipped: 0, problems: 0),
        "twarc-v2-responses/test-data/edited_after.jsonl": .init("v2Page", posts: 1, users: 1, dms: 0, skipped: 0, problems: 0),
        "twarc-v2-responses/test-data/edited_before.jsonl": .init("v2Page", posts: 1, users: 1, dms: 0, skipped: 0, problems: 0),
        "twarc-v2-responses/test-data/empty.json": .init("ERR:empty", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "twarc-v2-responses/test-data/entities_test.jsonl": .init("v2Page", posts: 474, users: 612, dms: 0, skipped: 0, problems: 11),
        "twarc-v2-responses/test-data/flat.jsonl": .init("v2Post*100", posts: 100, users: 214, dms: 0, skipped: 0, problems: 0),
        "twarc-v2-responses/test-data/geo_tweets.jsonl": .init("v2Page*2", posts: 2, users: 4, dms: 0, skipped: 0, problems: 0),
        "twarc-v2-responses/test-data/kpop.jsonl": .init("v2Page", posts: 100, users: 112, dms: 0, skipped: 0, problems: 1),
        "twarc-v2-responses/test-data/lists.jsonl": .init("other*2", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "twarc-v2-responses/test-data/many_urls.jsonl": .init("v2Page", posts: 1, users: 1, dms: 0, skipped: 0, problems: 0),
        "twarc-v2-responses/test-data/media_policy_violation_off.jsonl": .init("v2Page", posts: 100, users: 52, dms: 0, skipped: 0, problems: 0),
        "twarc-v2-responses/test-data/media_policy_violation_on.jsonl": .init("v2Page", posts: 100, users: 46, dms: 0, skipped: 0, problems: 0),
        "twarc-v2-responses/test-data/media_tweet.jsonl": .init("v2Page", posts: 1, users: 1, dms: 0, skipped: 0, problems: 0),
        "twarc-v2-responses/test-data/mentions_tweet.jsonl": .init("v2Page", posts: 1, users: 2, dms: 0, skipped: 0, problems: 0),
        "twarc-v2-responses/test-data/noflat.jsonl": .init("v2Page", posts: 100, users: 178, dms: 0, skipped: 0, problems: 1),
        "twarc-v2-responses/test-data/quoted_edit.jsonl": .init("v2Page", posts: 1, users: 2, dms: 0, skipped: 0, problems: 0),
        "twarc-v2-responses/test-data/streaming_output_with_error.jsonl": .init("v2Post*7 ERR:notJSON", posts: 7, users: 11, dms: 0, skipped: 0, problems: 0),
        "twarc-v2-responses/test-data/tweets_compliance.jsonl": .init("ERR:unrecognizedShape*2", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "twarc-v2-responses/test-data/two_tweets.jsonl": .init("v2Page", posts: 1, users: 2, dms: 0, skipped: 0, problems: 0),
        "twarc-v2-responses/test-data/users.jsonl": .init("v2Users", posts: 0, users: 91, dms: 0, skipped: 0, problems: 8),
        "twarc-v2-responses/test-data/users_compliance.jsonl": .init("ERR:unrecognizedShape*2", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "twarc-v2-responses/test-data/verified_type.jsonl": .init("v2Page", posts: 1, users: 1, dms: 0, skipped: 0, problems: 0),
        "twarc-v2-responses/test-data/withheld.jsonl": .init("v2Page*5", posts: 215, users: 591, dms: 0, skipped: 0, problems: 5),
        // account-activity-examples
        "x-api-official/account-activity-examples/DERIVED_tweet_create_events_mention_reply.json": .init("accountActivity", posts: 1, users: 1, dms: 0, skipped: 0, problems: 0),
        "x-api-official/account-activity-examples/DERIVED_tweet_create_events_post.json": .init("accountActivity", posts: 1, users: 1, dms: 0, skipped: 0, problems: 0),
        "x-api-official/account-activity-examples/block_events.template.txt": .init("accountActivity", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "x-api-official/account-activity-examples/direct_message_events.json": .init("accountActivity", posts: 0, users: 2, dms: 1, skipped: 0, problems: 0),
        "x-api-official/account-activity-examples/direct_message_indicate_typing_events.json": .init("accountActivity", posts: 0, users: 2, dms: 0, skipped: 0, problems: 0),
        "x-api-official/account-activity-examples/direct_message_mark_read_events.json": .init("accountActivity", posts: 0, users: 2, dms: 0, skipped: 0, problems: 0),
        "x-api-official/account-activity-examples/favorite_events.template.txt": .init("accountActivity", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "x-api-official/account-activity-examples/follow_events.template.txt": .init("accountActivity", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "x-api-official/account-activity-examples/mute_events.template.txt": .init("accountActivity", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "x-api-official/account-activity-examples/tweet_create_events_longform.template.txt": .init("accountActivity", posts: 1, users: 1, dms: 0, skipped: 0, problems: 0),
        "x-api-official/account-activity-examples/tweet_create_events_mentions.template.txt": .init("accountActivity", posts: 1, users: 1, dms: 0, skipped: 0, problems: 0),
        "x-api-official/account-activity-examples/tweet_create_events_posts_retweets_replies_quotetweets.template.txt": .init("accountActivity", posts: 1, users: 1, dms: 0, skipped: 0, problems: 0),
        "x-api-official/account-activity-examples/tweet_delete_events.json": .init("accountActivity", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "x-api-official/account-activity-examples/unblock_events.template.txt": .init("accountActivity", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "x-api-official/account-activity-examples/unfollow_events.template.txt": .init("accountActivity", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "x-api-official/account-activity-examples/unmute_events.template.txt": .init("accountActivity", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        "x-api-official/account-activity-examples/user_event.json": .init("accountActivity", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0),
        // v1.1-tweet-object-examples
        "x-api-official/v1.1-tweet-object-examples/extended_post.json": .init("v1Tweet", posts: 1, users: 1, dms: 0, skipped: 0, problems: 0),
        "x-api-official/v1.1-tweet-object-examples/post.json": .init("v1Tweet", posts: 1, users: 1, dms: 0, skipped: 0, problems: 0),
        "x-api-official/v1.1-tweet-object-examples/post_reply.json": .init("v1Tweet", posts: 1, users: 1, dms: 0, skipped: 0, problems: 0),
        "x-api-official/v1.1-tweet-object-examples/post_with_extended_entities.json": .init("v1Tweet", posts: 1, users: 1, dms: 0, skipped: 0, problems: 0),
        "x-api-official/v1.1-tweet-object-examples/quote_tweet.json": .init("v1Tweet", posts: 1, users: 1, dms: 0, skipped: 0, problems: 0),
        "x-api-official/v1.1-tweet-object-examples/retweet.json": .init("v1Tweet", posts: 1, users: 2, dms: 0, skipped: 0, problems: 0),
        "x-api-official/v1.1-tweet-object-examples/retweeted_quote_tweet.json": .init("v1Tweet", posts: 1, users: 2, dms: 0, skipped: 0, problems: 0),
    ]
}
